import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { apiUrl } from '@/testing/mocks/handlers/api-auth.ts';
import { greetHandlers } from '@/testing/mocks/handlers/greet.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { personaId } from '@/testing/clerk/personas.ts';

async function renderGreetForm() {
  const utils = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('moderator') });
  const region = await screen.findByRole('region', { name: 'Greet someone' });
  const input = within(region).getByLabelText('Name');
  const submit = within(region).getByRole('button', { name: 'Send greeting' });
  return { ...utils, region, input, submit };
}

function countGreetRequests() {
  const counter = { count: 0 };
  server.events.on('request:start', ({ request }) => {
    if (request.url === apiUrl('/api/greet')) counter.count += 1;
  });
  return counter;
}

describe('greet form', () => {
  it('refuses an empty name before calling the API', async () => {
    const requests = countGreetRequests();
    const { user, input, submit } = await renderGreetForm();

    await user.type(input, '   ');
    await user.click(submit);

    expect(input).toHaveAccessibleDescription(/Enter a name/);
    expect(input).toBeInvalid();
    expect(requests.count).toBe(0);
  });

  it('refuses a name longer than 80 characters before calling the API', async () => {
    const requests = countGreetRequests();
    const { user, input, submit } = await renderGreetForm();

    await user.click(input);
    await user.paste('x'.repeat(81));
    await user.click(submit);

    expect(input).toHaveAccessibleDescription(/Use at most 80 characters/);
    expect(requests.count).toBe(0);
  });

  it("shows the API's greeting", async () => {
    const { user, region, input, submit } = await renderGreetForm();

    await user.type(input, '  Grace ');
    await user.click(submit);

    const answer = await within(region).findByTestId('api-greet');
    expect(answer).toHaveTextContent('Hello, Grace!');
    expect(answer).toHaveTextContent(`Greeted by ${personaId('moderator')}`);
    expect(input).toBeValid();
  });

  it('shows the pending state while the API works', async () => {
    server.use(greetHandlers.pending);
    const { user, region, input, submit } = await renderGreetForm();

    await user.type(input, 'Grace');
    await user.click(submit);

    expect(await within(region).findByRole('button', { name: 'Sending…' })).toBeDisabled();
    expect(submit).toBe(within(region).getByRole('button', { name: 'Sending…' }));
    expect(within(region).getByRole('form', { name: 'Greeting' })).toHaveAttribute('aria-busy', 'true');
  });

  it("shows the API's 400 field error under the field", async () => {
    server.use(greetHandlers.nameRejected);
    const { user, region, input, submit } = await renderGreetForm();

    await user.type(input, 'Mallory');
    await user.click(submit);

    expect(await within(region).findByText('This name is not allowed')).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription(/This name is not allowed/);
    expect(input).toBeInvalid();
    expect(within(region).queryByTestId('api-greet')).not.toBeInTheDocument();
  });

  it('shows a 400 without field details in place, and clears it on a successful retry', async () => {
    server.use(greetHandlers.badRequest);
    const { user, region, input, submit } = await renderGreetForm();

    await user.type(input, 'Grace');
    await user.click(submit);
    expect(await within(region).findByText('The greeting could not be sent.')).toBeInTheDocument();

    server.resetHandlers();
    await user.click(submit);
    expect(await within(region).findByTestId('api-greet')).toHaveTextContent('Hello, Grace!');
    expect(within(region).queryByText('The greeting could not be sent.')).not.toBeInTheDocument();
  });

  it('clears the greeting once the name it answered is changed, and shows it again when the name is back', async () => {
    const { user, region, input, submit } = await renderGreetForm();

    await user.type(input, 'Grace');
    await user.click(submit);
    expect(await within(region).findByTestId('api-greet')).toHaveTextContent('Hello, Grace!');

    await user.type(input, 'x');
    expect(within(region).queryByTestId('api-greet')).not.toBeInTheDocument();
    await user.type(input, '{Backspace}');
    expect(within(region).getByTestId('api-greet')).toHaveTextContent('Hello, Grace!');
  });
});

import type { LocalClerk } from '../local-clerk.ts';
import type { LocalComponentName, LocalComponentProps, Placement } from './component-mounts.ts';
import { ModalFrame } from './modal-frame.tsx';
import { LocalOrganizationSwitcher } from './organization-switcher.tsx';
import { LocalSignIn } from './sign-in.tsx';
import { LocalSignUp } from './sign-up.tsx';
import { LocalUserButton } from './user-button.tsx';

/** What each of Clerk's components is in local mode. */
export function renderLocalComponent(clerk: LocalClerk, name: LocalComponentName, props: LocalComponentProps, placement: Placement) {
  const element = componentFor(clerk, name, props);
  if (placement === 'inline') return element;
  const close = name === 'SignUp' ? clerk.closeSignUp : clerk.closeSignIn;
  return (
    <ModalFrame label={name === 'SignUp' ? 'Sign up' : 'Sign in'} onClose={close}>
      {element}
    </ModalFrame>
  );
}

function componentFor(clerk: LocalClerk, name: LocalComponentName, props: LocalComponentProps) {
  switch (name) {
    case 'SignIn':
      return <LocalSignIn clerk={clerk} props={props} />;
    case 'SignUp':
      return <LocalSignUp clerk={clerk} props={props} />;
    case 'UserButton':
      return <LocalUserButton clerk={clerk} props={props} />;
    case 'OrganizationSwitcher':
      return <LocalOrganizationSwitcher clerk={clerk} props={props} />;
  }
}

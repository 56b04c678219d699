import type { Page } from '@playwright/test';

/** Clerk's `<OrganizationSwitcher>` in the header. */
export const switcher = (page: Page) => page.getByRole('button', { name: /open organization switcher/i });

/** Through the switcher's "Create organization", on the page the caller is on; the invite step that follows is left to the caller. */
export async function createOrganization(page: Page, name: string) {
  await switcher(page).click();
  await page.getByRole('button', { name: /create organization/i }).click();
  await page.getByLabel(/^name$/i).fill(name);
  await page
    .getByRole('button', { name: /create organization/i })
    .last()
    .click();
}

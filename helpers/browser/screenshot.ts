/** A screenshot of the page as it is now, attached to the test under `name` (Allure shows it in the step). */
import type { Page, TestInfo } from '@playwright/test';

export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

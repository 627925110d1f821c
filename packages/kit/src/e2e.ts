import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** An automated accessibility audit of the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(blocking, `accessibility of ${new URL(page.url()).pathname}`).toEqual([]);
}

/** Whether an element lies wholly inside the viewport's width and shows all of its text (nothing cut off). */
export async function fullyVisible(page: Page, selector: Locator) {
  const box = await selector.boundingBox();
  const viewport = page.viewportSize()!;
  const clipped = await selector.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  return !!box && box.x >= 0 && box.x + box.width <= viewport.width + 0.5 && box.width > 0 && !clipped;
}

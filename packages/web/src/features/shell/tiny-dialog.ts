import { nextTick } from 'vue';

/**
 * OpenTiny's dialog box renders its title as `role="heading"` without
 * `aria-level` (axe: aria-required-attr, critical). Called when a dialog
 * opens, this gives every such title level 2, as a page section heading.
 * (Its own close button says "Close" in English only: dialogs pass
 * `:show-close="false"` and offer a translated Close button in the footer;
 * Escape still closes them.)
 */
export async function levelDialogHeadings(): Promise<void> {
  await nextTick();
  for (const title of document.querySelectorAll('.tiny-dialog-box [role="heading"]:not([aria-level])')) {
    title.setAttribute('aria-level', '2');
  }
}

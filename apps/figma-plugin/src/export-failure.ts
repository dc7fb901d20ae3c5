/**
 * Why a layer could not be exported, in words for the user. Figma refuses to export what renders
 * nothing ("Failed to export node. This node may not have any visible layers."): for a frame whose
 * only visible layers are kept live (text with no fill, image or shape under it), that is the
 * normal case, not a failure of Figma's.
 */

/** Whether `message` is Figma's refusal of an export that renders nothing. */
export const isEmptyRender = (message: string): boolean => /may not have any visible layers/i.test(message);

/**
 * The reason a layer is skipped when its export failed with `message`; `keeps` is whether some of
 * its layers were left out of the export to stay live (text, icons).
 */
export function exportFailureReason(message: string, keeps: boolean): string {
  if (!isEmptyRender(message)) return `Figma could not export it (${message})`;
  return keeps
    ? 'there is nothing to style in it but its text (or icons), which stays as it is: give it a fill, an image or a shape, or turn off Keep text crisp'
    : 'there is nothing visible in it to style';
}

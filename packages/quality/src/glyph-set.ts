/**
 * The characters of assets/glyphs.png, in order (printable ASCII, then a few letters and signs
 * that captions use), and the size of each glyph's cell in pixels. Anything else prints as '?'.
 */
export const GLYPH_SET = {
  characters: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '×–—·’‘“”…°±λσΔ→≈éèàäöüç',
  width: 7,
  height: 13,
} as const;

/** One page as 8-bit grey pixels: what the clean-up measures and works on. */
export interface GreyPage {
  /** One byte per pixel, row after row. */
  pixels: Buffer;
  width: number;
  height: number;
}

/** The part of html-to-text (10.x, shipped without types) that html-text.ts uses. */
declare module 'html-to-text' {
  export interface HtmlToTextOptions {
    limits?: { maxDepth?: number };
  }
  /** Builds a converter once: its selector tree is what `convert` would build on every call. */
  export function compile(options?: HtmlToTextOptions): (html: string) => string;
}

/**
 * A strict reader of the XML subset TwiML uses (a declaration, elements, attributes in double
 * quotes, text, the five predefined entities and numeric ones), written for the tests so that the
 * connector's TwiML is checked by something other than the library that wrote it. It throws on
 * anything not well-formed: an unclosed or mismatched tag, a bare `&` or `<`, a repeated attribute.
 */
export interface XmlElement { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(raw: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw) || raw.includes('<')) throw new Error(`not well-formed: ${raw.slice(0, 40)}`);
  return raw.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, e: string) => (e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e] ?? ''));
}

export function parseTwiml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /^<(\/?)([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    const top = stack[stack.length - 1] as XmlElement;
    if (!rest.startsWith('<')) {
      const end = rest.indexOf('<');
      const text = end < 0 ? rest : rest.slice(0, end);
      top.text += unescape(text);
      rest = end < 0 ? '' : rest.slice(end);
      continue;
    }
    const m = tag.exec(rest);
    if (m === null) throw new Error(`not well-formed at: ${rest.slice(0, 40)}`);
    const [whole, closing, name = '', attrs = '', selfClosing] = m;
    rest = rest.slice(whole.length);
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (const a of attrs.matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)) {
      const key = a[1] ?? '';
      if (key in element.attributes) throw new Error(`attribute ${key} repeated`);
      element.attributes[key] = unescape(a[2] ?? '');
    }
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name ?? ''}> is not closed`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('a document has one root element');
  return root.children[0] as XmlElement;
}

import type { JsonObject, JsonValue } from '@guixu/core';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML ⇄ JSON with fast-xml-parser, shaped as n8n's XML node (xml2js) shapes it:
 * attributes merged into the element (or under `$`), text beside attributes
 * under `_`, repeated elements as lists, the root element kept.
 */
export interface ParseOptions {
  attrkey?: string;
  charkey?: string;
  explicitArray?: boolean;
  explicitRoot?: boolean;
  ignoreAttrs?: boolean;
  mergeAttrs?: boolean;
  normalize?: boolean;
  normalizeTags?: boolean;
  trim?: boolean;
}

export interface BuildOptions {
  attrkey?: string;
  charkey?: string;
  cdata?: boolean;
  headless?: boolean;
  rootName?: string;
}

export class XmlSyntaxError extends Error {}

/** DOCTYPE declarations can define entities (the "billion laughs" bomb); workflows have no use for them. */
const DOCTYPE_ENTITY = /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i;

export function xmlToJson(xml: string, options: ParseOptions): JsonValue {
  if (DOCTYPE_ENTITY.test(xml)) throw new XmlSyntaxError('entity declarations in a DOCTYPE are not accepted');
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true)
    throw new XmlSyntaxError(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const attrkey = options.attrkey || '$';
  const parser = new XMLParser({
    ignoreAttributes: options.ignoreAttrs === true,
    attributeNamePrefix: '',
    ...(options.mergeAttrs === false ? { attributesGroupName: attrkey } : {}),
    textNodeName: options.charkey || '_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: options.trim === true || options.normalize === true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    allowBooleanAttributes: true,
    ...(options.normalizeTags ? { transformTagName: (name: string) => name.toLowerCase() } : {}),
    ...(options.normalize
      ? { tagValueProcessor: (_name: string, value: string) => value.replace(/\s+/g, ' ') }
      : {}),
    isArray: (_name, jpath, _leaf, isAttribute) =>
      options.explicitArray === true && !isAttribute && String(jpath).includes('.'),
  });
  const parsed = dropBlankText(parser.parse(xml) as JsonObject, options.charkey || '_') as JsonObject;
  if (options.explicitRoot === false) {
    const [root] = Object.values(parsed);
    return root ?? {};
  }
  return parsed;
}

/** Whitespace between child elements is not text (xml2js drops it too). */
function dropBlankText(value: JsonValue, charkey: string): JsonValue {
  if (Array.isArray(value)) return value.map((entry) => dropBlankText(entry, charkey));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === charkey && typeof entry === 'string' && entry.trim() === '' && Object.keys(value).length > 1)
      continue;
    out[key] = dropBlankText(entry, charkey);
  }
  return out;
}

export function jsonToXml(json: JsonObject, options: BuildOptions): string {
  const keys = Object.keys(json);
  const document =
    keys.length === 1 && !Array.isArray(json[keys[0]]) ? json : { [options.rootName || 'root']: json };
  const builder = new XMLBuilder({
    attributesGroupName: options.attrkey || '$',
    attributeNamePrefix: '',
    textNodeName: options.charkey || '_',
    ignoreAttributes: false,
    format: true,
    indentBy: '  ',
    suppressBooleanAttributes: false,
    ...(options.cdata ? { cdataPropName: '__cdata' } : {}),
  });
  const body = String(builder.build(options.cdata ? wrapCdata(document) : document)).trimEnd();
  return options.headless ? body : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
}

/** Text that needs escaping goes into CDATA sections when asked (xml2js's `cdata` option). */
function wrapCdata(value: JsonValue): JsonValue {
  if (typeof value === 'string') return /[<>&]/.test(value) ? { __cdata: value } : value;
  if (Array.isArray(value)) return value.map(wrapCdata);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$' ? v : wrapCdata(v)]));
  }
  return value;
}

import type { JsonObject, JsonValue } from '@guixu/core';
import { type Cheerio, type CheerioAPI, load } from 'cheerio';
import type { AnyNode } from 'domhandler';

/** One "Extraction Values" entry of n8n's HTML node. */
export interface Extraction {
  key: string;
  cssSelector: string;
  returnValue?: 'text' | 'html' | 'attribute' | 'value';
  attribute?: string;
  skipSelectors?: string;
  returnArray?: boolean;
}

export interface ExtractOptions {
  trimValues?: boolean;
  cleanUpText?: boolean;
}

function elementValue(
  $: CheerioAPI,
  element: Cheerio<AnyNode>,
  entry: Extraction,
  options: ExtractOptions,
): string | undefined {
  let value: string | null | undefined;
  if (entry.returnValue === 'attribute') value = element.attr(entry.attribute ?? '');
  else if (entry.returnValue === 'html') value = element.html();
  else if (entry.returnValue === 'value') value = element.val() as string | undefined;
  else {
    const copy = entry.skipSelectors ? element.clone() : element;
    if (entry.skipSelectors) copy.find(entry.skipSelectors).remove();
    value = options.cleanUpText !== false ? cleanText($, copy) : copy.text();
  }
  if (value === null || value === undefined) return undefined;
  if (options.trimValues !== false) value = value.trim();
  return value;
}

/** Text with the whitespace of markup collapsed and block elements on their own lines. */
function cleanText($: CheerioAPI, element: Cheerio<AnyNode>): string {
  const copy = element.clone();
  copy.find('script, style, noscript, img, svg').remove();
  copy.find('br').replaceWith('\n');
  copy.find('p, div, li, h1, h2, h3, h4, h5, h6, tr, section, article').each((_, el) => {
    $(el).append('\n');
  });
  return copy
    .text()
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function extractContent(html: string, entries: Extraction[], options: ExtractOptions): JsonObject {
  const $ = load(html);
  const out: JsonObject = {};
  for (const entry of entries) {
    const found = $(entry.cssSelector);
    if (entry.returnArray) {
      const values: JsonValue[] = [];
      found.each((_, el) => {
        const value = elementValue($, $(el), entry, options);
        if (value !== undefined) values.push(value);
      });
      out[entry.key] = values;
    } else {
      // As in n8n (cheerio on the whole selection): text joins every match, an attribute, HTML
      // or value comes from the first; text of nothing is '', a missing attribute leaves the key out.
      const value = elementValue($, found, entry, options);
      if (value !== undefined) out[entry.key] = value;
    }
  }
  return out;
}

import { Marked } from 'marked';
import { NodeHtmlMarkdown } from 'node-html-markdown';

/**
 * Markdown ⇄ HTML: marked (GitHub-flavoured) one way, node-html-markdown (what
 * n8n uses; no DOM emulation, which the server's frozen intrinsics would break) the other.
 */
export interface ToMarkdownOptions {
  bulletMarker?: string;
  codeFence?: string;
  emDelimiter?: string;
  strongDelimiter?: string;
  ignore?: string;
  keepDataImages?: boolean;
}

export interface ToHtmlOptions {
  simpleLineBreaks?: boolean;
  tables?: boolean;
  completeHTMLDocument?: boolean;
  openLinksInNewWindow?: boolean;
}

export function htmlToMarkdown(html: string, options: ToMarkdownOptions): string {
  const ignore = (options.ignore ?? '')
    .split(',')
    .map((tag) => tag.trim().toUpperCase())
    .filter(Boolean);
  return NodeHtmlMarkdown.translate(html, {
    bulletMarker: options.bulletMarker || '*',
    codeFence: options.codeFence || '```',
    emDelimiter: options.emDelimiter || '_',
    strongDelimiter: options.strongDelimiter || '**',
    keepDataImages: options.keepDataImages === true,
    ignore: ['SCRIPT', 'STYLE', 'NOSCRIPT', ...ignore],
  });
}

export function markdownToHtml(markdown: string, options: ToHtmlOptions): string {
  const marked = new Marked({
    gfm: options.tables !== false,
    breaks: options.simpleLineBreaks === true,
    async: false,
  });
  let html = (marked.parse(markdown) as string).trimEnd();
  if (options.openLinksInNewWindow)
    html = html.replace(/<a href=/g, '<a target="_blank" rel="noopener noreferrer" href=');
  if (options.completeHTMLDocument) {
    html = `<!DOCTYPE HTML>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n${html}\n</body>\n</html>`;
  }
  return html;
}

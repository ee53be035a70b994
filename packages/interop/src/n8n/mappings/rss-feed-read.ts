import { sameShape } from '../mapping.ts';

/**
 * n8n's RSS Read v1–v1.2 (url; options ignoreSSL, customFields) maps as is: both
 * parse with rss-parser. v1 read only the first item's URL, later versions (and
 * GuixuFlow) read one feed per input item.
 */
export default sameShape('rssFeedRead', 'guixu.rssFeedRead', 1.2);

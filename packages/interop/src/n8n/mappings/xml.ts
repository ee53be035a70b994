import { sameShape } from '../mapping.ts';

/** n8n's XML v1: the same parameters (xml2js options kept by name). */
export default sameShape('xml', 'guixu.xml', 1);

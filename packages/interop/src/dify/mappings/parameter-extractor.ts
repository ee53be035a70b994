import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('parameter-extractor', AI_NOT_YET);

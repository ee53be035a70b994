import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('tool', AI_NOT_YET);

import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('agent', AI_NOT_YET);

import type { FormFieldContract } from '@guixu/api';

export type FormField = FormFieldContract;
export type Values = Record<string, unknown>;

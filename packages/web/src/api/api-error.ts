import { errorBodySchema } from '@guixu/api';

/** A failed API call: the app switches on `code`, never on the message text. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static async from(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      return new ApiError(response.status, parsed.data.code, parsed.data.message, parsed.data.details);
    }
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      text.slice(0, 200) || response.statusText,
    );
  }
}

export function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : 'NETWORK_ERROR';
}

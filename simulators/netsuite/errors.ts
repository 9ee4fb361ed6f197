/** NetSuite's REST error body (RFC 9457 problem details with `o:errorDetails`), for every error the simulator sends. */

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', '15.5.1'],
  401: ['Unauthorized', '15.5.2'],
  403: ['Forbidden', '15.5.4'],
  404: ['Not Found', '15.5.5'],
  405: ['Method Not Allowed', '15.5.6'],
  429: ['Too Many Requests', '6'],
  500: ['Internal Server Error', '15.6.1'],
  503: ['Service Unavailable', '15.6.4'],
};

const CODES: Record<number, string> = {
  400: 'USER_ERROR',
  401: 'INVALID_LOGIN',
  403: 'INSUFFICIENT_PERMISSION',
  404: 'NONEXISTENT_ID',
  429: 'CONCURRENCY_LIMIT_EXCEEDED',
  503: 'SERVICE_UNAVAILABLE',
};

/** A NetSuite-shaped error body; `code` defaults to what NetSuite uses for the status. */
export function netSuiteError(status: number, detail: string, code?: string): Record<string, unknown> {
  const [title, section] = TITLES[status] ?? ['Error', '15.6.1'];
  const type =
    status === 429
      ? 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4'
      : `https://www.rfc-editor.org/rfc/rfc9110.html#section-${section}`;
  return {
    type,
    title,
    status,
    'o:errorDetails': [{ detail, 'o:errorCode': code ?? CODES[status] ?? 'UNEXPECTED_ERROR' }],
  };
}

/** An error a route throws; the simulator answers it as a NetSuite error body. */
export class NetSuiteSimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

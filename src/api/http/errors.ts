// One error type for every handler: the status decides the reply, the field (when there is one) names the input
// that was wrong, e.g. "body.password".
export class HttpError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    opts: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.field = opts.field;
    this.headers = opts.headers ?? {};
  }
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export function errorBody(status: number, message: string, field?: string): ErrorBody {
  return {
    statusCode: status,
    error: REASON[status] ?? "Error",
    message,
    ...(field === undefined ? {} : { field }),
  };
}

import { clearToken, getToken } from './auth.ts';

/** A failure the API reported as `{ error: { code, message } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: {
      file?: string;
      line?: number;
      problems?: string[];
      data?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any failure as an ApiError: a thrown value that is not one becomes an INTERNAL error with its text. */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e));
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the server refuses the token, so the page can ask for it again. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function withAccount(path: string, account: string | null): string {
  if (!account) return path;
  return `${path}${path.includes('?') ? '&' : '?'}account=${encodeURIComponent(account)}`;
}

async function errorFrom(status: number, text: string): Promise<ApiError> {
  try {
    const body = JSON.parse(text) as {
      error?: {
        code?: string;
        message?: string;
        file?: string;
        line?: number;
        problems?: string[];
        data?: Record<string, unknown>;
      };
    };
    if (body.error?.code) {
      const { code, message = 'the request failed', file, line, problems, data } = body.error;
      return new ApiError(status, code, message, { file, line, problems, data });
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, 'HTTP', `the server answered ${status}`);
}

function handleStatus(error: ApiError): never {
  if (error.status === 401) {
    clearToken();
    for (const l of unauthorizedListeners) l();
  }
  throw error;
}

/** A JSON request to the API with the token and the chosen account. */
export async function apiRequest<T>(
  path: string,
  account: string | null,
  init: { method?: 'GET' | 'POST'; json?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withAccount(path, account), {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: init.signal,
      credentials: 'omit',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached: is `invitekeeper serve` still running?');
  }
  const text = await res.text();
  if (!res.ok) handleStatus(await errorFrom(res.status, text));
  return JSON.parse(text) as T;
}

export interface UploadProgress {
  /** Bytes sent so far and in all; `total` is 0 when unknown. */
  loaded: number;
  total: number;
  /** The whole body is sent; the server is importing. */
  sent: boolean;
}

/**
 * A multipart upload with progress (fetch reports none for request bodies, XMLHttpRequest does).
 */
export function apiUpload<T>(
  path: string,
  account: string | null,
  form: FormData,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withAccount(path, account));
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0, sent: false });
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1, sent: true });
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'the upload failed: is `invitekeeper serve` still running?'));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as T);
        return;
      }
      try {
        handleStatus(await errorFrom(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.send(form);
  });
}

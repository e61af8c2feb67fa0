import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from './api.ts';

/** The account the page shows; null until the accounts are known. */
export const AccountContext = createContext<string | null>(null);

export function useAccount(): string | null {
  return useContext(AccountContext);
}

/**
 * Whether the signed-in user may change data: false for a team viewer, whose page then shows no
 * button that writes (the server refuses them anyway).
 */
export const CanWriteContext = createContext<boolean>(true);

export function useCanWrite(): boolean {
  return useContext(CanWriteContext);
}

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` for the current account, again whenever the path, the account or `reload()` asks. */
export function useResource<T>(path: string | null): Resource<T> {
  const account = useAccount();
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is how reload() asks for a new fetch
  useEffect(() => {
    if (path === null || account === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    apiRequest<T>(path, account, { signal: controller.signal }).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setState({
          data: null,
          error: error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', String(error)),
          loading: false,
        });
      },
    );
    return () => controller.abort();
  }, [path, account, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** The element's content width, followed as it changes (charts draw at the real pixel width). */
export function useWidth<E extends HTMLElement>(): [React.RefObject<E | null>, number] {
  const ref = useRef<E | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A value that follows `value` after it has been still for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Where a one-click write (undo, apply a threshold) is: not started, running, done, or refused. */
export type ActionState = 'idle' | 'busy' | 'done' | ApiError;

/**
 * A one-click write to the API for the current account: `run` POSTs and moves `state` from busy
 * to done, or to the error the server gave (or the network's). `onDone` runs once it succeeded.
 */
export function useApiAction(path: string, onDone?: () => void): [ActionState, (json?: unknown) => void] {
  const account = useAccount();
  const [state, setState] = useState<ActionState>('idle');
  const run = (json?: unknown) => {
    setState('busy');
    apiRequest(path, account, { method: 'POST', ...(json === undefined ? {} : { json }) }).then(
      () => {
        setState('done');
        onDone?.();
      },
      (e: unknown) => setState(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e))),
    );
  };
  return [state, run];
}

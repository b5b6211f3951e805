import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";
import { useState } from "react";
import { pageContract } from "../../../common/contract/page";
import { parseWithMessages, validationRefusal } from "../../../common/validation-messages";
import { currentLanguage } from "../i18n/i18n";
import { ApiError } from "./ApiError";
import { invoke } from "./client";
import type { Operations } from "./contract";

/**
 * The renderer's one way to the API. Screens read with `useApiQuery` and write with
 * `useApiMutation`; nothing else in `features/` or `app/` calls the transport. Staleness, retries,
 * de-duplication and invalidation after a write live here, once (and a team server's live updates
 * will invalidate through the same client).
 */

/** `"people.search"`, `"reports.create"`, …: every operation name of the contract. */
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = Operations[N]["input"];
export type OpOutput<N extends OpName> = Operations[N]["output"];

/**
 * The typing pause of filters that page through long lists or save what is typed (queue and
 * training filters, the duplicate check of the new-person form): one request per pause, not per
 * key. The lookup and the pickers do not wait (useTypedQuery).
 */
export const TYPING_PAUSE_MS = 150;

/**
 * Refusals are answers, not outages: retrying FORBIDDEN or VALIDATION would only repeat them. A
 * network blip (the loopback server restarting, a team server's hiccup) is retried once.
 */
function shouldRetry(failures: number, error: unknown): boolean {
  return !(error instanceof ApiError) && failures < 1;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A desk shows what another screen just wrote because every write invalidates (below); a
      // short staleness keeps tab switches from refetching what was read a moment ago.
      staleTime: 5_000,
      retry: shouldRetry,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

export function apiCall<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  return invoke(name, input) as Promise<OpOutput<N>>;
}

/** The cache key of one read: the operation and its input, so equal inputs share one request. */
export function queryKeyOf<N extends OpName>(name: N, input: OpInput<N>): readonly [N, OpInput<N>] {
  return [name, input] as const;
}

export interface ApiQueryOptions {
  /** False while the input is not ready (no id yet, text too short). */
  enabled?: boolean;
  /** Polls while the screen is open (progress, badges); background operations only. */
  refetchInterval?: number | false;
  staleTime?: number;
  /** Keep the last page on screen while the next one loads (pagers, filters). */
  keepPrevious?: boolean;
}

/** A read: re-runs when the input changes; the answer belongs to that input only. */
export function useApiQuery<N extends OpName>(
  name: N,
  input: OpInput<N>,
  options: ApiQueryOptions = {},
): UseQueryResult<OpOutput<N>, ApiError> {
  return useQuery<OpOutput<N>, ApiError, OpOutput<N>, readonly [N, OpInput<N>]>({
    queryKey: queryKeyOf(name, input),
    queryFn: () => apiCall(name, input),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
    staleTime: options.staleTime,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/** The latest answer a typed search has, and the text it answers (maybe older than the text in the box). */
export interface TypedAnswer<T> {
  text: string;
  data: T;
}

/**
 * A read driven by typing. Every keystroke asks at once (no pause: the server answers a lookup in
 * a few milliseconds, and a pause would be most of the wait an agent feels); answers to older text
 * that come late are cached but never handed over as `data`.
 *
 * `data` is the answer to the text now in the box, or null while it is on its way: the only answer
 * anything may be chosen from. `shown` is the latest answer there is, with the text it answers, for
 * a list to stay on screen (dimmed, inert) while the next answer comes instead of blinking at every
 * key; it is never to be chosen from unless its text is the text in the box.
 */
export function useTypedQuery<N extends OpName>(
  name: N,
  text: string,
  toInput: (text: string) => OpInput<N>,
  options: { minLength?: number; enabled?: boolean } = {},
): { data: OpOutput<N> | null; shown: TypedAnswer<OpOutput<N>> | null; isFetching: boolean; isCurrent: boolean; error: ApiError | null } {
  const enabled = (options.enabled ?? true) && text.trim().length >= (options.minLength ?? 1);
  const query = useApiQuery(name, toInput(text), { enabled });
  const isCurrent = enabled && query.isSuccess;
  const data = isCurrent ? query.data : undefined;
  // Adjusted while rendering, not in an effect: the frame that shows the new answer is the first one.
  const [shown, setShown] = useState<TypedAnswer<OpOutput<N>> | null>(null);
  if (data !== undefined && (shown?.data !== data || shown.text !== text)) setShown({ text, data });
  return {
    data: data ?? null,
    // On the render that calls setShown React renders again before painting: `shown` is current.
    shown: enabled ? shown : null,
    isFetching: enabled && query.isFetching,
    isCurrent,
    error: query.error,
  };
}

export interface ApiMutationOptions<N extends OpName> {
  onSuccess?: (output: OpOutput<N>, input: OpInput<N>) => void | Promise<void>;
  /** Leave the cache as it is (login, heartbeat, a write whose screen reloads itself). */
  keepCache?: boolean;
}

/**
 * A write. Once it succeeds every query on screen refetches: a person, a queue, a badge and a
 * dashboard can all show what one write changed, and no screen has to know which.
 */
export function useApiMutation<N extends OpName>(
  name: N,
  options: ApiMutationOptions<N> = {},
): UseMutationResult<OpOutput<N>, ApiError, OpInput<N>> {
  return useMutation<OpOutput<N>, ApiError, OpInput<N>>({
    mutationFn: (input) => {
      refuseInvalid(name, input);
      return apiCall(name, input);
    },
    onSuccess: async (output, input) => {
      if (!options.keepCache) await queryClient.invalidateQueries();
      await options.onSuccess?.(output, input);
    },
  });
}

/**
 * A form's input is checked with the operation's own schema from the contract before it is sent,
 * and refused exactly as the server would refuse it (same field, same sentence, same language): the
 * form shows the message without a round trip, and the server still checks everything.
 */
function refuseInvalid(name: OpName, input: unknown): void {
  const schema = pageContract[name].input;
  if (schema.safeParse(input).success) return;
  const parsed = parseWithMessages(schema, input, currentLanguage());
  if (!parsed.success) throw new ApiError(validationRefusal(parsed.error, currentLanguage()), name);
}

/** A read done once on demand (a download, a check before a dialog), through the same cache. */
export function fetchApi<N extends OpName>(name: N, input: OpInput<N>, staleTime = 0): Promise<OpOutput<N>> {
  return queryClient.fetchQuery({ queryKey: queryKeyOf(name, input), queryFn: () => apiCall(name, input), staleTime });
}

import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from './query';
import { useCommunityApi } from './client';
import { queryKeys } from './queryKeys';
import { NETWORKS, type EditorialLine, type EditorialLineInput, type LintInput } from './types';

export function useEditorialLines() {
  const api = useCommunityApi();
  return useQuery({
    queryKey: queryKeys.editorialLines(),
    queryFn: ({ signal }) => api.editorialLines.list(signal),
  });
}

export function useEditorialLine(documentId: string | undefined) {
  const api = useCommunityApi();
  return useQuery({
    queryKey: queryKeys.editorialLine(documentId ?? ''),
    queryFn: documentId === undefined ? skipToken : ({ signal }) => api.editorialLines.get(documentId, signal),
  });
}

export interface SaveEditorialLine {
  /** Absent for a new line. */
  documentId?: string;
  input: EditorialLineInput;
}

export function useSaveEditorialLine() {
  const api = useCommunityApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, input }: SaveEditorialLine) =>
      documentId ? api.editorialLines.update(documentId, input) : api.editorialLines.create(input),
    onSuccess: (line: EditorialLine) => {
      // The editor reopens on the saved line at once, without a loading flash.
      queryClient.setQueryData(queryKeys.editorialLine(line.documentId), line);
      // Lint results depend on the saved rules, and accounts show the line's name.
      void queryClient.invalidateQueries({ queryKey: queryKeys.editorialLines(), exact: true });
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.all, 'lint'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

export function useDeleteEditorialLine() {
  const api = useCommunityApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.editorialLines.remove(documentId),
    onSuccess: ({ documentId }) => {
      queryClient.removeQueries({ queryKey: queryKeys.editorialLine(documentId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.editorialLines(), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

/** Lints `input` when given; keeps the previous result on screen while the next one loads. */
export function useLint(input: LintInput | null) {
  const api = useCommunityApi();
  return useQuery({
    queryKey: queryKeys.lint(input ?? { text: '', network: NETWORKS[0] }),
    queryFn: input === null ? skipToken : ({ signal }) => api.lint(input, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

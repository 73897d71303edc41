/** What the share timeline knows of an account when the user may read accounts. */
export interface AccountFacts {
  documentId: string;
  status: string;
  editorialLine: { documentId: string; name: string } | null;
}

export interface Preselection {
  ids: string[];
  /** why these: the line they belong to, several lines to choose from, or nothing known */
  basis: { kind: 'line'; name: string } | { kind: 'all_healthy' } | { kind: 'several_lines' } | { kind: 'unknown' };
}

/**
 * The accounts a share timeline starts with ticked: only connected ones (a
 * broken account would only fail later), and only one editorial line's — the
 * line of the entry's latest post when it has one, else the one line there is.
 * With several lines and no post to tell, nothing is ticked: the user chooses,
 * rather than posting under another brand by default.
 */
export function preselectAccounts(
  offered: readonly { documentId: string }[],
  facts: readonly AccountFacts[] | undefined,
  recentAccountIds: readonly string[]
): Preselection {
  if (!facts) return { ids: [], basis: { kind: 'unknown' } };
  const byId = new Map(facts.map((account) => [account.documentId, account]));
  const healthy = offered.map((account) => byId.get(account.documentId)).filter((account) => account?.status === 'connected');
  const recentLine = recentAccountIds.map((id) => byId.get(id)?.editorialLine).find((line) => line);
  if (recentLine) {
    return {
      ids: healthy.filter((account) => account!.editorialLine?.documentId === recentLine.documentId).map((account) => account!.documentId),
      basis: { kind: 'line', name: recentLine.name },
    };
  }
  const lines = new Map(healthy.map((account) => [account!.editorialLine?.documentId ?? null, account!.editorialLine]));
  if (lines.size > 1) return { ids: [], basis: { kind: 'several_lines' } };
  const [only] = [...lines.values()];
  return {
    ids: healthy.map((account) => account!.documentId),
    basis: only ? { kind: 'line', name: only.name } : { kind: 'all_healthy' },
  };
}

import { NETWORKS, type EditorialLine, type EditorialLineInput, type KpiTargets, type Network } from '../../../api/types';

/**
 * The editor's state. Repeatable rows carry a `key` so React keeps each row's
 * inputs when another row is removed; numbers may be blank while being typed.
 */
export interface PersonaRow {
  key: string;
  name: string;
  description: string;
}

export interface PillarRow {
  key: string;
  name: string;
  targetShare: number | undefined;
  /** engagements per post the pillar aims at (Reports) */
  engagementTarget: number | undefined;
  color: string;
  description: string;
}

export interface CampaignTargetRow {
  key: string;
  campaign: string;
  posts: number | undefined;
  engagements: number | undefined;
  engagementPerPost: number | undefined;
}

export interface EditorialLineFormValues {
  name: string;
  description: string;
  audience: string;
  tone: string;
  guidelines: string;
  personas: PersonaRow[];
  pillars: PillarRow[];
  requiredHashtags: string[];
  suggestedHashtags: string[];
  bannedWords: string[];
  languages: string[];
  frequency: Partial<Record<Network, number>>;
  /** the KPI tiles' targets; a blank one is no target */
  kpiTargets: KpiTargets;
  campaignTargets: CampaignTargetRow[];
}

/** Pillar shares are percentages of the posts: together they cannot exceed the whole. */
export const MAX_PILLAR_TOTAL = 100;

let rowCounter = 0;
// A counter rather than crypto.randomUUID, which browsers only offer on https or localhost.
export const newRowKey = () => `row-${++rowCounter}`;

export const emptyPersona = (): PersonaRow => ({ key: newRowKey(), name: '', description: '' });

export const emptyPillar = (): PillarRow => ({
  key: newRowKey(),
  name: '',
  targetShare: undefined,
  engagementTarget: undefined,
  color: '',
  description: '',
});

export const emptyCampaignTarget = (): CampaignTargetRow => ({
  key: newRowKey(),
  campaign: '',
  posts: undefined,
  engagements: undefined,
  engagementPerPost: undefined,
});

export const emptyValues = (): EditorialLineFormValues => ({
  name: '',
  description: '',
  audience: '',
  tone: '',
  guidelines: '',
  personas: [],
  pillars: [],
  requiredHashtags: [],
  suggestedHashtags: [],
  bannedWords: [],
  languages: [],
  frequency: {},
  kpiTargets: {},
  campaignTargets: [],
});

export function valuesFromLine(line: EditorialLine): EditorialLineFormValues {
  return {
    name: line.name,
    description: line.description ?? '',
    audience: line.audience ?? '',
    tone: line.tone ?? '',
    guidelines: line.guidelines ?? '',
    personas: (line.personas ?? []).map((persona) => ({ key: newRowKey(), name: persona.name, description: persona.description ?? '' })),
    pillars: (line.pillars ?? []).map((pillar) => ({
      key: newRowKey(),
      name: pillar.name,
      targetShare: pillar.targetShare,
      engagementTarget: pillar.engagementTarget,
      color: pillar.color ?? '',
      description: pillar.description ?? '',
    })),
    requiredHashtags: line.hashtags?.required ?? [],
    suggestedHashtags: line.hashtags?.suggested ?? [],
    bannedWords: line.bannedWords ?? [],
    languages: line.languages ?? [],
    frequency: Object.fromEntries((line.frequencyTargets ?? []).map((target) => [target.network, target.perWeek])),
    kpiTargets: { ...(line.kpiTargets ?? {}) },
    campaignTargets: (line.campaignTargets ?? []).map((t) => ({
      key: newRowKey(),
      campaign: t.campaign,
      posts: t.posts,
      engagements: t.engagements,
      engagementPerPost: t.engagementPerPost,
    })),
  };
}

/** Frequency targets in a fixed network order, so a server error's index names one network. */
export function frequencyTargetsOf(frequency: EditorialLineFormValues['frequency']) {
  return NETWORKS.flatMap((network) => {
    const perWeek = frequency[network];
    return perWeek === undefined ? [] : [{ network, perWeek }];
  });
}

/** The whole line as the API takes it (PUT replaces the line, so every field is sent). */
export function inputFromValues(values: EditorialLineFormValues): EditorialLineInput {
  return {
    name: values.name.trim(),
    description: values.description,
    audience: values.audience,
    tone: values.tone,
    guidelines: values.guidelines,
    personas: values.personas.map(({ name, description }) => ({ name, description })),
    pillars: values.pillars.map(({ name, targetShare, engagementTarget, color, description }) => ({
      name,
      // A blank share reads as "no target share yet".
      targetShare: targetShare ?? 0,
      ...(engagementTarget !== undefined ? { engagementTarget } : {}),
      ...(color.trim() !== '' ? { color: color.trim() } : {}),
      description,
    })),
    hashtags: { required: values.requiredHashtags, suggested: values.suggestedHashtags },
    bannedWords: values.bannedWords,
    languages: values.languages,
    frequencyTargets: frequencyTargetsOf(values.frequency),
    // Blank targets are left out, not sent as null.
    kpiTargets: Object.fromEntries(Object.entries(values.kpiTargets).filter(([, v]) => v !== undefined)) as KpiTargets,
    campaignTargets: values.campaignTargets.map(({ campaign, posts, engagements, engagementPerPost }) => ({
      campaign,
      ...(posts !== undefined ? { posts } : {}),
      ...(engagements !== undefined ? { engagements } : {}),
      ...(engagementPerPost !== undefined ? { engagementPerPost } : {}),
    })),
  };
}

export function pillarTotal(pillars: PillarRow[]): number {
  // Rounded to a tenth: 33.3 three times is 99.9, not 99.89999999999999.
  return Math.round(pillars.reduce((sum, pillar) => sum + (pillar.targetShare ?? 0), 0) * 10) / 10;
}

/**
 * The server names fields by their place in the request; the form names frequency
 * targets by network. `frequencyTargets.2.perWeek` becomes `frequency.instagram`.
 */
export function fieldErrorsForForm(fieldErrors: Record<string, string>, values: EditorialLineFormValues): Record<string, string> {
  const targets = frequencyTargetsOf(values.frequency);
  const mapped: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const match = /^frequencyTargets\.(\d+)(\.|$)/.exec(path);
    const target = match ? targets[Number(match[1])] : undefined;
    const key = target ? `frequency.${target.network}` : path;
    if (!(key in mapped)) mapped[key] = message;
  }
  return mapped;
}

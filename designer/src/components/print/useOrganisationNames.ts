import { useOrganisations } from '../form/OrganisationWidget.tsx';

/** Organisation id → name, so a printed form shows 推荐单位 by name. */
export function useOrganisationNames(): { names: Record<string, string>; ready: boolean } {
  const orgs = useOrganisations();
  return { names: Object.fromEntries((orgs.data ?? []).map((o) => [o.id, o.name])), ready: !orgs.isPending };
}

import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { WidgetProps } from '@rjsf/utils';
import { api, data } from '../../api/client.ts';

/**
 * `"ui:widget": "organisation"`: choose an organisation of the registry (推荐单位) by name; the form
 * stores its id.
 */
/** The registry's organisations (推荐单位), shared by the widget and the print of a form. */
export function useOrganisations() {
  return useQuery({ queryKey: ['organisations'], staleTime: 60_000, queryFn: () => data(api.GET('/api/organisations')) });
}

export function OrganisationWidget({ id, value, disabled, readonly, onChange, onBlur, placeholder }: WidgetProps) {
  const orgs = useOrganisations();
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={orgs.isPending}
      disabled={disabled || readonly}
      value={value || undefined}
      placeholder={placeholder}
      style={{ width: '100%' }}
      onChange={(v) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

export const formWidgets = { organisation: OrganisationWidget };

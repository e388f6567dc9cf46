import { useMemo, useState } from 'react';
import { Input, List, Modal, Tag, Typography } from 'antd';
import { dt } from '../../designerText.ts';

export interface ChooserTemplate {
  id: string;
  name: string;
  description?: string;
  category?: { id: string; name: string };
}

/** The task types a selected task can take, by category, with a search over name and description. */
export function TemplateChooser({ templates, onChoose, onCancel }: { templates: ChooserTemplate[]; onChoose(t: ChooserTemplate): void; onCancel(): void }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim();
    return templates.filter((t) => !q || t.name.includes(q) || (t.description ?? '').includes(q) || t.id.includes(q));
  }, [templates, query]);
  const t = dt.taskTemplates;
  return (
    <Modal open title={t.chooserTitle} footer={null} onCancel={onCancel} width={640} destroyOnHidden>
      <div data-testid="template-chooser">
        <Input.Search allowClear autoFocus placeholder={t.search} value={query} onChange={(e) => setQuery(e.target.value)} style={{ marginBottom: 12 }} />
        <List
          size="small"
          style={{ maxHeight: 480, overflowY: 'auto' }}
          dataSource={shown}
          locale={{ emptyText: t.none }}
          renderItem={(item) => (
            <List.Item data-testid="template-option" data-template-id={item.id} style={{ cursor: 'pointer' }} onClick={() => onChoose(item)}>
              <List.Item.Meta
                title={
                  <span>
                    {item.name} {item.category ? <Tag>{item.category.name}</Tag> : null}
                  </span>
                }
                description={<Typography.Text type="secondary">{item.description}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      </div>
    </Modal>
  );
}

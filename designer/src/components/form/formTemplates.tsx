import { Button } from 'antd';
import { PlusCircleOutlined } from '@ant-design/icons';
import { englishStringTranslator, getUiOptions, TranslatableString, type IconButtonProps } from '@rjsf/utils';

const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.ClearButton]: '清除',
  [TranslatableString.ArrayItemTitle]: '项',
  [TranslatableString.OptionalObjectAdd]: '填写此项',
};

/** rjsf's built-in strings (button titles, item names) in Chinese; anything else as rjsf says it. */
export function translateString(s: TranslatableString, params?: string[]): string {
  return ZH[s] ?? englishStringTranslator(s, params);
}

/** The add button of a repeating table, labelled by the package's `ui:options.addText` (e.g. 添加证书或职称). */
function AddButton({ uiSchema, registry, onClick, disabled, className }: IconButtonProps) {
  const text = getUiOptions(uiSchema).addText as string | undefined;
  return (
    <Button type="dashed" block icon={<PlusCircleOutlined />} onClick={onClick} disabled={disabled} className={className}>
      {text ?? registry.translateString(TranslatableString.AddItemButton)}
    </Button>
  );
}

export const formTemplates = { ButtonTemplates: { AddButton } };

import { useState } from 'react';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { useSession } from '../../components/SessionContext.tsx';
import { adminText } from '../adminText.ts';
import { organisationsText } from './organisationsText.ts';
import type { AdminOrganisation, OrganisationBody } from './organisationTypes.ts';

const t = organisationsText.form;
const CODE = /^\d{6}$/;

interface Values {
  id: string;
  name: string;
  regionCode: string;
  cityCode: string;
  provinceCode: string;
  level: 'province' | 'city' | 'county' | null;
  filingStatus: OrganisationBody['filingStatus'];
  filingAcceptedDate: Dayjs | null;
  filedDate: Dayjs | null;
  occupations: string[];
  filedLevels: Record<string, number[] | undefined>;
  isUndelegatedProvincialInChengdu: boolean;
}

/** Create (organisation null) or edit one organisation of the admin's region; the server checks the region and the codes again. */
export function OrganisationDialog({ organisation, onClose, onSaved }: { organisation: AdminOrganisation | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const region = useSession().session!.actor.regionCode ?? '';
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const occupations = Form.useWatch('occupations', form) ?? organisation?.occupations ?? [];
  const o = organisation;
  const initial: Partial<Values> = o
    ? { ...o, filingStatus: o.filingStatus as Values['filingStatus'], filingAcceptedDate: o.filingAcceptedDate ? dayjs(o.filingAcceptedDate) : null, filedDate: o.filedDate ? dayjs(o.filedDate) : null, filedLevels: o.filedLevels ?? {} }
    : { provinceCode: region ? `${region.slice(0, 2)}0000` : '', cityCode: /^\d{4}00$/.test(region) && !region.endsWith('0000') ? region : '', level: null, filingStatus: 'NONE', occupations: [], filedLevels: {}, isUndelegatedProvincialInChengdu: false };

  const save = async () => {
    const v = await form.validateFields();
    const levels = Object.fromEntries(v.occupations.filter((c) => v.filedLevels?.[c]?.length).map((c) => [c, [...v.filedLevels[c]!].sort((a, b) => a - b)]));
    const body: OrganisationBody = {
      name: v.name.trim(),
      regionCode: v.regionCode.trim(),
      cityCode: v.cityCode.trim(),
      provinceCode: v.provinceCode.trim(),
      level: v.level ?? null,
      filingStatus: v.filingStatus,
      filingAcceptedDate: v.filingAcceptedDate ? v.filingAcceptedDate.format('YYYY-MM-DD') : null,
      filedDate: v.filedDate ? v.filedDate.format('YYYY-MM-DD') : null,
      isUndelegatedProvincialInChengdu: !!v.isUndelegatedProvincialInChengdu,
      // A suspension is a sanction's effect: kept as it is, never edited here.
      recommendationSuspendedUntil: o?.recommendationSuspendedUntil ?? null,
      occupations: v.occupations,
      filedLevels: Object.keys(levels).length ? levels : null,
    };
    setSaving(true);
    try {
      await data(api.PUT('/api/organisations/{id}', { params: { path: { id: o?.id ?? v.id.trim() } }, body }));
      message.success(o ? t.saved(body.name) : t.created(body.name));
      onSaved();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open width={720} title={o ? t.editTitle(o.name) : t.createTitle} onCancel={onClose} onOk={() => void save().catch(() => undefined)} okText={adminText.common.save} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="organisation-form">
        {o?.recommendationSuspendedUntil ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t.suspendedNote(o.recommendationSuspendedUntil)} /> : null}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="id" label={t.id} extra={o ? undefined : t.idExtra} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, message: t.idRule }]}>
              <Input maxLength={64} disabled={!!o} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {(['regionCode', 'cityCode', 'provinceCode'] as const).map((k) => (
            <Col span={8} key={k}>
              <Form.Item name={k} label={t[k]} rules={[{ required: true, pattern: CODE, message: t.codeRule }]}>
                <Input maxLength={6} placeholder="510000" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="level" label={t.level}>
              <Select allowClear options={Object.entries(organisationsText.level).map(([value, label]) => ({ value, label }))} placeholder={organisationsText.levelNone} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="filingStatus" label={t.filingStatus} rules={[{ required: true }]}>
              <Select options={Object.entries(organisationsText.status).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="filingAcceptedDate" label={t.filingAcceptedDate}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="filedDate"
              label={t.filedDate}
              dependencies={['filingStatus']}
              rules={[({ getFieldValue }) => ({ validator: (_, v) => (getFieldValue('filingStatus') === 'FILED' && !v ? Promise.reject(new Error(t.filedDateRequired)) : Promise.resolve()) })]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isUndelegatedProvincialInChengdu" label={t.undelegated} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="occupations" label={t.occupations} extra={t.occupationsExtra}>
          <Select mode="tags" tokenSeparators={[',', ';', ',', ';', '、', ' ']} open={false} suffixIcon={null} aria-label={t.occupations} />
        </Form.Item>
        {occupations.map((code) => (
          <Form.Item key={code} name={['filedLevels', code]} label={t.filedLevels(code)} extra={t.filedLevelsExtra}>
            <Checkbox.Group options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: `${l}级` }))} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

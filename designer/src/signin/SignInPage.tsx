import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signIn } from '../api/session.ts';
import { ApiError, messageOf } from '../api/ApiError.ts';
import { useSession } from '../components/SessionContext.tsx';
import { homeOf, mayEnter } from '../components/areas.tsx';
import { zh } from '../i18n/zhCN.ts';

/** `/`: sign in with a local account; afterwards the return path (if the role may go there) or the role's home. */
export function SignInPage() {
  const { session, status, setSession } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const target = (role: string) => {
    const back = params.get('return');
    return back && back.startsWith('/') && !back.startsWith('//') && mayEnter(role, back.split('?')[0]) ? back : homeOf(role);
  };

  if (status === 'loading') return <Spin fullscreen description={zh.common.loading} />;
  if (session) return <Navigate to={target(session.actor.role)} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(v.username.trim(), v.password);
      setSession(s);
      navigate(target(s.actor.role), { replace: true });
    } catch (err) {
      // A 401 here is about the credentials: its detail (「用户名或密码错误」) says it, not the title 「请先登录」.
      setError(err instanceof ApiError && err.status === 401 ? (err.detail ?? err.title) : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const notice = params.get('expired') ? zh.signIn.expired : params.get('signedOut') ? zh.signIn.signedOut : params.get('return') ? zh.signIn.needed : null;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(180deg, #e6f4ff 0%, #f5f5f5 100%)', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {zh.app.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {zh.signIn.subtitle}
        </Typography.Paragraph>
        {notice && !error ? <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" /> : null}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item label={zh.signIn.username} name="username" rules={[{ required: true, whitespace: true, message: zh.signIn.usernameRequired }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={zh.signIn.password} name="password" rules={[{ required: true, message: zh.signIn.passwordRequired }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {zh.signIn.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

import dayjs from 'dayjs';

/** 2026年3月5日 14:02 (Asia/Shanghai is the browser's zone for our users). */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY年M月D日 HH:mm') : '—';
}

/** 2026年3月5日 */
export function formatDate(isoDate: string | null | undefined): string {
  return isoDate ? dayjs(isoDate).format('YYYY年M月D日') : '—';
}

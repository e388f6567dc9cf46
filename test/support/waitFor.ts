export { waitFor } from '../../engine/util/waitFor.ts';

export { validApplication } from '../../engine/services/tryout/sampleApplication.ts';

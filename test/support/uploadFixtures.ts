export * from '../../engine/services/tryout/sampleFiles.ts';

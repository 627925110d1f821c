export * from '@carparts/kit/format';

export * from './protocol/messageTypes.ts';
export * from './protocol/closeReasons.ts';
export * from './schemas/document.ts';

export * from './auth';
export * from './events';
export * from './incidents';
export * from './organisation';

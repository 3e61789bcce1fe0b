export * from './auth';
export * from './events';
export * from './incidents';
export * from './locations';
export * from './organisation';

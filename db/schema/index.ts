export * from './auth';
export * from './ecall';
export * from './events';
export * from './incidents';
export * from './kb';
export * from './locations';
export * from './organisation';
export * from './places';

/** The two databases Pledge runs on. Everything that differs between them lives in src/storage/. */
export type SqlDialectName = 'sqlite' | 'postgres';

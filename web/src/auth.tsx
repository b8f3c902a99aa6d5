// Who is signed in: asked of the server once, then kept until sign-out or an expired session.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, csrf, onUnauthenticated, unwrap, type Answer } from './api/client.ts';
import { closeStream } from './lib/hooks.ts';

export type Me = Answer<'/api/v1/auth/me'>;

interface Auth {
  /** undefined while asking, null when nobody is signed in. */
  readonly me: Me | null | undefined;
  readonly expired: boolean;
  readonly login: (email: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let live = true;
    api.GET('/api/v1/auth/me').then(
      ({ data }) => live && setMe(data && csrf.get() ? data : null),
      () => live && setMe(null),
    );
    const off = onUnauthenticated(() => {
      closeStream();
      setExpired(true);
      setMe(null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const signedIn = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
    csrf.set(signedIn.csrfToken);
    setExpired(false);
    setMe(await unwrap(api.GET('/api/v1/auth/me')));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout');
    } finally {
      csrf.set(null);
      closeStream();
      setMe(null);
    }
  }, []);

  return <AuthContext.Provider value={{ me, expired, login, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Whether the signed-in role may change the catalog, SLAs and users. */
export function canManage(me: Me | null | undefined): boolean {
  return me?.role === 'admin' || me?.role === 'manager';
}

import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { getCurrentStaff } from '@/lib/auth/require';
import { hasRole } from '@/lib/auth/roles';

/**
 * The administration's own navigation beside its pages. Like every layout it authorises nothing
 * (each page calls requireRole('admin')); it only leaves the menu out for those who are not admins.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentStaff();
  if (!user || !hasRole(user.roles, ['admin'])) return children;
  return (
    <div className="container admin-layout">
      <AdminNav />
      <div className="admin-layout__content">{children}</div>
    </div>
  );
}

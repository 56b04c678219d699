import { StatusPage, type StatusPageProps } from './status-page.tsx';

type ForbiddenProps = Partial<Pick<StatusPageProps, 'title' | 'back'>> & Pick<StatusPageProps, 'message'>;

/**
 * A page the visitor may not see (403). Shown by the app's own gates and when
 * the API refuses: the gates are a convenience, the API is the authority.
 */
export function Forbidden({ title = 'Access denied', message, back }: ForbiddenProps) {
  return <StatusPage code="403" title={title} message={message} back={back} />;
}

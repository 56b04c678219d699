import { StatusPage, type StatusPageProps } from './status-page.tsx';

type NotFoundProps = Partial<Pick<StatusPageProps, 'title' | 'message' | 'back'>>;

export function NotFound({ title = 'Page not found', message = 'There is nothing at this address.', back }: NotFoundProps) {
  return <StatusPage code="404" title={title} message={message} back={back} />;
}

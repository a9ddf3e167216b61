import { Link } from "wouter";
import { PageTitle } from "../components/PageTitle";

export function NotFoundScene() {
  return (
    <>
      <PageTitle title="Page not found" />
      <p>
        There is no page at this address. <Link href="/operations">Go to your operations</Link>.
      </p>
    </>
  );
}

// Drives skerryd's WorkMail API with the AWS SDK for JavaScript v3 (@aws-sdk/client-workmail).
// Usage: node workmail_organizations.mjs ENDPOINT ACCESS_KEY SECRET
// Trusts the server's self-signed certificate through NODE_EXTRA_CA_CERTS. Prints one JSON
// object with what it saw; the Python test asserts on it.
import {
  WorkMailClient,
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  DeleteOrganizationCommand,
  paginateListOrganizations,
  OrganizationNotFoundException,
} from "@aws-sdk/client-workmail";

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const client = new WorkMailClient({
  endpoint,
  region: "ap-southeast-2",
  credentials: { accessKeyId, secretAccessKey },
  maxAttempts: 1,
});

const alias = `node-sdk-${Date.now() % 1000000}`;
const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: alias }));
const described = await client.send(new DescribeOrganizationCommand({ OrganizationId }));
const listed = [];
for await (const page of paginateListOrganizations({ client, pageSize: 2 }, {})) {
  for (const o of page.OrganizationSummaries ?? []) listed.push(o.OrganizationId);
}
let notFound = null;
try {
  await client.send(new DescribeOrganizationCommand({ OrganizationId: "m-" + "0".repeat(32) }));
} catch (e) {
  notFound = e instanceof OrganizationNotFoundException ? e.name : `unexpected ${e.name}`;
}
const deleted = await client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: false }));
console.log(JSON.stringify({
  organizationId: OrganizationId,
  alias: described.Alias,
  state: described.State,
  arn: described.ARN,
  completedDate: described.CompletedDate instanceof Date ? described.CompletedDate.toISOString() : null,
  listedOnce: listed.filter((x) => x === OrganizationId).length,
  notFound,
  deletedState: deleted.State,
}));

/** The slice of the Shopify Admin GraphQL schema (2025-01) the simulator serves, in SDL. */
export const ADMIN_SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar URL
  scalar UnsignedInt64

  type Query {
    shop: Shop!
    order(id: ID!): Order
    orders(
      first: Int
      after: String
      query: String
      sortKey: OrderSortKeys
      reverse: Boolean
    ): OrderConnection!
    productVariants(first: Int, after: String, query: String): ProductVariantConnection!
    locations(first: Int, after: String): LocationConnection!
  }

  type Mutation {
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  }

  enum OrderSortKeys {
    ID
    CREATED_AT
    UPDATED_AT
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Shop {
    name: String!
    myshopifyDomain: String!
    currencyCode: String!
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: String!
  }

  type MoneyBag {
    shopMoney: MoneyV2!
    presentmentMoney: MoneyV2!
  }

  type MailingAddress {
    name: String
    firstName: String
    lastName: String
    company: String
    address1: String
    address2: String
    city: String
    provinceCode: String
    zip: String
    countryCodeV2: String
    phone: String
  }

  type Customer {
    id: ID!
    email: String
    firstName: String
    lastName: String
  }

  type Order {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    email: String
    note: String
    createdAt: DateTime!
    updatedAt: DateTime!
    cancelledAt: DateTime
    cancelReason: String
    currencyCode: String!
    displayFinancialStatus: String
    displayFulfillmentStatus: String!
    subtotalPriceSet: MoneyBag
    totalTaxSet: MoneyBag
    totalPriceSet: MoneyBag!
    totalDiscountsSet: MoneyBag
    customer: Customer
    shippingAddress: MailingAddress
    billingAddress: MailingAddress
    shippingLines(first: Int): ShippingLineConnection!
    lineItems(first: Int, after: String): LineItemConnection!
    fulfillments(first: Int): [Fulfillment!]!
    fulfillmentOrders(first: Int, after: String): FulfillmentOrderConnection!
  }

  type OrderConnection {
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  type ShippingLine {
    title: String!
    code: String
    originalPriceSet: MoneyBag!
  }

  type ShippingLineConnection {
    nodes: [ShippingLine!]!
    pageInfo: PageInfo!
  }

  type LineItem {
    id: ID!
    sku: String
    name: String!
    quantity: Int!
    currentQuantity: Int!
    unfulfilledQuantity: Int!
    requiresShipping: Boolean!
    originalUnitPriceSet: MoneyBag!
    variant: ProductVariant
  }

  type LineItemConnection {
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }

  type InventoryItem {
    id: ID!
    sku: String
  }

  type ProductVariant {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
    title: String!
    inventoryItem: InventoryItem!
  }

  type ProductVariantConnection {
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  type Location {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
  }

  type LocationConnection {
    nodes: [Location!]!
    pageInfo: PageInfo!
  }

  type FulfillmentTrackingInfo {
    company: String
    number: String
    url: URL
  }

  type Fulfillment {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    status: String!
    createdAt: DateTime!
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  }

  type FulfillmentOrderLineItem {
    id: ID!
    totalQuantity: Int!
    remainingQuantity: Int!
    lineItem: LineItem!
  }

  type FulfillmentOrderLineItemConnection {
    nodes: [FulfillmentOrderLineItem!]!
    pageInfo: PageInfo!
  }

  type FulfillmentOrderAssignedLocation {
    location: Location
  }

  type FulfillmentOrder {
    id: ID!
    status: String!
    assignedLocation: FulfillmentOrderAssignedLocation!
    lineItems(first: Int, after: String): FulfillmentOrderLineItemConnection!
  }

  type FulfillmentOrderConnection {
    nodes: [FulfillmentOrder!]!
    pageInfo: PageInfo!
  }

  input InventoryQuantityInput {
    inventoryItemId: ID!
    locationId: ID!
    quantity: Int!
    compareQuantity: Int
  }

  input InventorySetQuantitiesInput {
    name: String!
    reason: String!
    referenceDocumentUri: String
    ignoreCompareQuantity: Boolean
    quantities: [InventoryQuantityInput!]!
  }

  type InventoryChange {
    name: String!
    delta: Int!
    quantityAfterChange: Int
    item: InventoryItem
    location: Location
  }

  type InventoryAdjustmentGroup {
    id: ID!
    createdAt: DateTime!
    reason: String!
    referenceDocumentUri: String
    changes: [InventoryChange!]!
  }

  type InventorySetQuantitiesUserError {
    field: [String!]
    message: String!
    code: String
  }

  type InventorySetQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventorySetQuantitiesUserError!]!
  }

  input FulfillmentOrderLineItemInput {
    id: ID!
    quantity: Int!
  }

  input FulfillmentOrderLineItemsInput {
    fulfillmentOrderId: ID!
    fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]
  }

  input FulfillmentTrackingInput {
    company: String
    number: String
    numbers: [String!]
    url: URL
    urls: [URL!]
  }

  input FulfillmentInput {
    lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
    trackingInfo: FulfillmentTrackingInput
    notifyCustomer: Boolean
  }

  type UserError {
    field: [String!]
    message: String!
  }

  type FulfillmentCreatePayload {
    fulfillment: Fulfillment
    userErrors: [UserError!]!
  }
`;

/** The part of ShipHero's public GraphQL schema the simulator serves (field names as ShipHero spells them). */
import { buildSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';

const SDL = /* GraphQL */ `
  scalar ISODateTime

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Warehouse {
    id: String
    legacy_id: Int
    identifier: String
  }
  type Account {
    id: String
    warehouses: [Warehouse]
  }
  type AccountQueryResult {
    request_id: String
    complexity: Int
    data: Account
  }

  type LineItem {
    id: String
    sku: String
    partner_line_item_id: String
    quantity: Int
    quantity_shipped: Int
    product_name: String
  }
  type Order {
    id: String
    legacy_id: Int
    order_number: String
    partner_order_id: String
    warehouse_id: String
    fulfillment_status: String
    line_items: [LineItem]
    created_at: ISODateTime
  }
  type OrderEdge {
    node: Order
    cursor: String!
  }
  type OrderConnection {
    pageInfo: PageInfo!
    edges: [OrderEdge]!
  }
  type OrderQueryResult {
    request_id: String
    complexity: Int
    data: Order
  }
  type OrdersQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): OrderConnection
  }

  type PurchaseOrderLineItem {
    id: String
    sku: String
    quantity: Int
    quantity_received: Int
    quantity_rejected: Int
  }
  type PurchaseOrder {
    id: String
    legacy_id: Int
    po_number: String
    partner_order_number: String
    warehouse_id: String
    fulfillment_status: String
    line_items: [PurchaseOrderLineItem]
  }
  type PurchaseOrderEdge {
    node: PurchaseOrder
    cursor: String!
  }
  type PurchaseOrderConnection {
    pageInfo: PageInfo!
    edges: [PurchaseOrderEdge]!
  }
  type PurchaseOrdersQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): PurchaseOrderConnection
  }

  type Product {
    sku: String
    name: String
  }
  type WarehouseProduct {
    id: String
    sku: String
    warehouse_id: String
    on_hand: Int
    allocated: Int
    available: Int
    backorder: Int
    non_sellable_quantity: Int
    updated_at: ISODateTime
    product: Product
  }
  type WarehouseProductEdge {
    node: WarehouseProduct
    cursor: String!
  }
  type WarehouseProductConnection {
    pageInfo: PageInfo!
    edges: [WarehouseProductEdge]!
  }
  type WarehouseProductsQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): WarehouseProductConnection
  }

  enum ReturnLabelType {
    FREE
  }
  type ReturnLineItem {
    id: String
    legacy_id: Int
    line_item_id: String
    warehouse_id: String
    return_id: String
    quantity: Int
    quantity_received: Int
    restock: Int
    condition: String
    reason: String
    product: Product
  }
  type Return {
    id: String
    legacy_id: Int
    order_id: String
    partner_id: String
    reason: String
    status: String
    label_type: ReturnLabelType
    label_cost: String
    shipping_carrier: String
    shipping_method: String
    line_items: [ReturnLineItem]
    total_items_expected: Int
    total_items_received: Int
    total_items_restocked: Int
    created_at: ISODateTime
  }
  type ReturnQueryResult {
    request_id: String
    complexity: Int
    data: Return
  }
  type ReturnEdge {
    node: Return
    cursor: String!
  }
  type ReturnConnection {
    pageInfo: PageInfo!
    edges: [ReturnEdge]!
  }
  type ReturnsQueryResult {
    request_id: String
    complexity: Int
    data(first: Int, after: String): ReturnConnection
  }

  type Query {
    account: AccountQueryResult
    order(id: String!): OrderQueryResult
    orders(partner_order_id: String, order_number: String): OrdersQueryResult
    purchase_orders(partner_order_number: String, po_number: String): PurchaseOrdersQueryResult
    warehouse_products(sku: String, warehouse_id: String): WarehouseProductsQueryResult
    return(id: String!): ReturnQueryResult
    returns(order_id: String): ReturnsQueryResult
  }

  input CreateOrderAddressInput {
    first_name: String
    last_name: String
    company: String
    address1: String
    address2: String
    city: String
    state: String
    state_code: String
    zip: String
    country: String
    country_code: String
    email: String
    phone: String
  }
  input CreateLineItemInput {
    sku: String!
    partner_line_item_id: String!
    quantity: Int!
    price: String!
    product_name: String
    warehouse_id: String
  }
  input CreateOrderInput {
    order_number: String
    partner_order_id: String
    shop_name: String
    fulfillment_status: String
    order_date: ISODateTime
    required_ship_date: ISODateTime
    shipping_address: CreateOrderAddressInput
    line_items: [CreateLineItemInput]
  }
  input CancelOrderInput {
    order_id: String!
    reason: String
    void_on_platform: Boolean
  }
  input CreatePurchaseOrderLineItemInput {
    sku: String!
    quantity: Int!
    expected_weight_in_lbs: String!
    price: String!
    vendor_sku: String
    product_name: String
  }
  input CreatePurchaseOrderInput {
    po_number: String!
    partner_order_number: String
    subtotal: String!
    shipping_price: String!
    total_price: String!
    warehouse_id: String!
    po_date: ISODateTime
    tracking_number: String
    line_items: [CreatePurchaseOrderLineItemInput]!
  }

  input AddressInput {
    name: String
    address1: String
    address2: String
    city: String
    state: String
    country: String
    zip: String
    phone: String
    email: String
  }
  input DimensionsInput {
    weight: String
    height: String
    width: String
    length: String
  }
  input CreateReturnLineItemInput {
    sku: String!
    quantity: Int!
    return_reason: String!
    condition: String
    is_component: Boolean
    "Simulator extension: the caller's reference of the return line, echoed on the Return Update webhook."
    partner_line_item_id: String
  }
  input CreateReturnInput {
    customer_account_id: String
    order_id: String!
    warehouse_id: String!
    return_reason: String!
    label_type: ReturnLabelType!
    label_cost: String!
    address: AddressInput!
    dimensions: DimensionsInput!
    shipping_carrier: String!
    shipping_method: String!
    line_items: [CreateReturnLineItemInput]!
    email_customer_return_label: Boolean
    tracking_number: String
    create_label: Boolean
    partner_id: String
    display_issue_refund: Boolean
  }

  type OrderMutationOutput {
    request_id: String
    complexity: Int
    order: Order
  }
  type CreatePurchaseOrderOutput {
    request_id: String
    complexity: Int
    purchase_order: PurchaseOrder
  }

  type CreateReturnOutput {
    request_id: String
    complexity: Int
    return: Return
  }

  type Mutation {
    order_create(data: CreateOrderInput!): OrderMutationOutput
    order_cancel(data: CancelOrderInput!): OrderMutationOutput
    purchase_order_create(data: CreatePurchaseOrderInput!): CreatePurchaseOrderOutput
    return_create(data: CreateReturnInput!): CreateReturnOutput
  }
`;

/** The executable schema (resolved through a root value, see resolvers.ts). */
export const wmsSchema: GraphQLSchema = buildSchema(SDL);

    !identifiers hierarchical
    model {
        customer = person "Customer"
        group "Commerce" {
            shop = softwareSystem "Shop" {
                properties {
                    "Owner" "Checkout"
                }
                web = container "Web" "The storefront" "React" "Web Browser"
                db = container "Orders" "" "PostgreSQL" "Database"
                api = container "API" {
                    tags "Gateway"
                    -> db "Reads from and writes to" "JDBC"
                }
                web -> api "Calls" "HTTPS"
            }
        }
        customer -> shop.web "Buys from"
    }
    views {
        dynamic shop "checkout" "Paying." {
            shop.web -> shop.api "Submits"
            shop.api -> shop.db "Stores"
            shop.db -> shop.api "Confirms"
        }
        styles {
        }
    }
}

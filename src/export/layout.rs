//! Where every exporter that draws places each service: where the canvas
//! does, so that an exported picture matches the editor.

use crate::model::Map;

/// Where each service of `map.services` is drawn, by position in that list:
/// its own `x`, `y`, or, for a service the file gives no position, a spot in
/// rows of eight below the lowest placed service (the canvas' rule).
pub fn positions(map: &Map) -> Vec<(f64, f64)> {
    map.display_positions()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceKind;
    use crate::model::test_map::MapBuilder;

    #[test]
    fn services_without_positions_go_in_rows_below_the_map() {
        let mut map = MapBuilder::new()
            .service("a", ServiceKind::Service, None)
            .service("b", ServiceKind::Service, None)
            .service("c", ServiceKind::Service, None)
            .build();
        map.services[0].x = Some(10.0);
        map.services[0].y = Some(40.0);
        map.services[2].y = Some(100.0);
        assert_eq!(
            positions(&map),
            [(10.0, 40.0), (0.0, 260.0), (200.0, 260.0)]
        );
        map.services.truncate(2);
        map.services[0].y = None;
        assert_eq!(positions(&map), [(0.0, 0.0), (200.0, 0.0)]);
    }
}

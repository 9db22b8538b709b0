# ruff: noqa: E501
"""Letters of the third batch: hand-written claim letters with their expected fields."""

from build import D, G, J, L, P, X

LETTERS = [
L("en", "shortage", "HTML-only table of ordered vs received, two SKUs",
  "Stores <stores@harbourmarine.co.nz>", "Short shipment invoice INV-564102", """
<p>Kia ora,</p>
<p>Shipment against invoice INV-564102 received 30/11/2026. Short as below:</p>
<table border="1" cellpadding="4">
<tr><th>SKU</th><th>Item</th><th>Invoiced</th><th>Received</th></tr>
<tr><td>CR-OIL5</td><td>Shell Helix 5W-40 4 l</td><td>24</td><td>18</td></tr>
<tr><td>LS-LED10</td><td>Gauss LED 10W</td><td>50</td><td>50</td></tr>
<tr><td>SH-RCD40</td><td>Easy9 C16 breaker</td><td>10</td><td>8</td></tr>
</table>
<p>Please ship the balance to Harbour Marine, 12 Quay St, Auckland.</p>
<p>Aroha Ngata, Stores</p>
""", html=True,
  invoice_number="INV-564102", product_name=["Shell Helix 5W-40 4 l", "Easy9 C16 breaker"],
  product_sku=["CR-OIL5", "SH-RCD40"], quantity_ordered=["24", "10"], quantity_received=["18", "8"],
  location="Harbour Marine, 12 Quay St, Auckland", grounds="Short as below", demand="delivery_of_missing",
  delivery_date="2026-11-30"),

L("ru", "damage", "dealer forwards the end customer's complaint; own text restates facts",
  "Дилерский отдел ТехноМир <dealer@tehnomir-spb.ru>", "Fwd: Претензия покупателя", """
Добрый день.

Пересылаем претензию нашего покупателя. Холодильник Bosch KGN39VL25R, поставлен по нашей заявке ЗК-71144, накладная ТН-11230. При доставке покупателю обнаружена вмятина на правой стенке и сломанный ящик морозилки, по всей видимости, повреждение при транспортировке (упаковка тоже пробита). Холодильник сейчас у нас на складе: СПб, Софийская ул., 6.

Просим согласовать замену.

Менеджер Голубев Павел
+7 (812) 600-70-80

-----Исходное сообщение-----
От: Смирнов А. <a.smirnov1975@mail.ru>
Отправлено: 30 ноября 2026 г. 19:02
Кому: dealer@tehnomir-spb.ru
Тема: Претензия

Привезли холодильник с вмятиной, забирайте!
""", order_number="ЗК-71144", waybill_number="ТН-11230", product_name="Холодильник Bosch KGN39VL25R", product_sku="KGN39VL25R",
  location="у нас на складе: СПб, Софийская ул., 6",
  grounds="вмятина на правой стенке и сломанный ящик морозилки, упаковка тоже пробита", demand="replacement",
  phone="+78126007080"),

L("ru", "defect", "koi8-r, terse, amount '1.990 р.' with dot thousands",
  "Лидия <lidia_k@rambler.ru>", "брак", """
Заказ 88-1207. Лампы Gauss 10W E27, 10 шт. Три сгорели в первый же день. Верните 1.990 р. за три лампы.
""", cs="koi8-r",
  order_number="88-1207", product_name="Лампы Gauss 10W E27", quantity="10", unit="pcs",
  grounds="Три сгорели в первый же день", demand="refund", amount="1990.00", currency="RUB"),

L("en", "delay", "rambling, customer moving house, location and phone",
  "Hannah Schmidt <hannah.schmidt@posteo.de>", "My sofa - no, my desk! - is late", """
Hello,

Sorry, long email. I ordered the Light desk 140 cm (order 71-2210) on 9 November because I'm moving into a new flat on 1 December and needed it for working from home. Your confirmation said delivery between 20 and 24 November. It's now 1 December, I've moved in, and I'm working from the kitchen counter. The tracking number you gave me doesn't work on the carrier's website at all.

I've called twice. The first time I was told it would come "this week", the second time that there was "a problem at the warehouse". Nobody could tell me what problem.

Please deliver it to my NEW address: Kastanienallee 7, 10435 Berlin - not the old one! If you can't deliver by 5 December, I want my money back (189.00 EUR).

Hannah
+49 170 1234567
""", order_number="71-2210", product_name="Light desk 140 cm", purchase_date="2026-11-09",
  location="Kastanienallee 7, 10435 Berlin", grounds="Your confirmation said delivery between 20 and 24 November. It's now 1 December",
  demand="refund", amount="189.00", currency="EUR", phone="+491701234567"),

L("ru", "wrong_item", "order number only in DOCX file name",
  "Оксана <oksana.melnik@yandex.ru>", "не тот размер полотенец", """
Здравствуйте! Заказывала полотенца махровые 70х140, 4 шт., а пришли 50х90. Бланк заказа прикладываю. Поменяйте, пожалуйста.
Оксана, 8 917 222 11 00
""", att=[D("Заказ_91-9230.docx", "Полотенце махровое 70x140 — 4 шт.")],
  order_number="91-9230", product_name="полотенца махровые 70х140", quantity="4", unit="pcs",
  grounds="а пришли 50х90", demand="replacement", phone="+79172221100"),

L("en", "damage", "terse, all caps anger",
  "BRIAN KELLY <bkelly@eircom.net>", "BROKEN TV", """
TV ARRIVED SMASHED. ORDER 82-8043. SAMSUNG 43 INCH. I WANT A FULL REFUND NOW. 085 123 4567
""", order_number="82-8043", product_name="SAMSUNG 43 INCH", grounds="TV ARRIVED SMASHED",
  demand="refund", phone="+353851234567"),

L("ru", "shortage", "windows-1251, weight shortage in kg with comma, waybill",
  "ИП Алиев <aliev.fruit@mail.ru>", "Недовес по накладной 2211", """
Здравствуйте. По накладной № 2211 от 29.11.2026 кофе в зёрнах Lavazza: по документам 24 кг, по факту 21,5 кг, две пачки вскрыты. Прошу довезти недостающее или сделать перерасчёт.
Алиев Р., г. Махачкала, ул. Гагарина, 40, магазин
тел. 8 928 500 60 70
""", cs="windows-1251",
  waybill_number="2211", product_name="кофе в зёрнах Lavazza", unit="kg", quantity_ordered="24", quantity_received="21.5",
  location="г. Махачкала, ул. Гагарина, 40, магазин", grounds="по документам 24 кг, по факту 21,5 кг, две пачки вскрыты",
  demand=["delivery_of_missing", "price_reduction"], delivery_date="2026-11-29", phone="+79285006070"),

L("en", "defect", "quoted reply Gmail style with the customer's own earlier letter quoted; new text only",
  "Robert Young <rob.young@gmail.com>", "Re: trimmer", """
Hi again, I still have not had a reply. The Huter trimmer (order 60-1190) stops after 30 seconds of use, every time. I want it repaired under warranty or replaced.

Rob Young
07912 111222

On Fri, 27 Nov 2026 at 18:20, Robert Young <rob.young@gmail.com> wrote:
> Hello, my trimmer is not working properly. Can someone call me?
""", order_number="60-1190", product_name="Huter trimmer", grounds="stops after 30 seconds of use, every time",
  demand=["repair", "replacement"], phone="+447912111222"),

L("ru", "delay", "plain+HTML, asks for compensation by law, dates in words",
  "Михаил Ершов <m.ershov@gmail.com>", "Нарушение срока доставки заказа 77-9901", """
Здравствуйте.

Мною 12 ноября 2026 года был оформлен и оплачен заказ № 77-9901 (перфоратор Makita HR2470) на сумму 11 490 руб. Срок доставки по договору — не позднее 19 ноября. Товар не доставлен до сих пор.

На основании ст. 23.1 Закона «О защите прав потребителей» требую выплатить неустойку в размере 0,5% от суммы предоплаты за каждый день просрочки и сообщить новый срок доставки.

М. Ершов
+7 903 555 12 34
""", alt=True,
  order_number="77-9901", product_name="перфоратор Makita HR2470", purchase_date="2026-11-12",
  grounds="Срок доставки по договору — не позднее 19 ноября. Товар не доставлен до сих пор",
  demand="compensation", phone="+79035551234"),

L("en", "other", "price dropped after purchase, asks for the difference",
  "Isabel Moreno <isabel.moreno@telefonica.net>", "Price difference", """
Hi, I bought the Braun MQ 5137 blender on 21 November for 89.99 EUR (order 71-3045) and three days later you had it at 69.99 EUR. Could you refund me the 20.00 EUR difference? Thanks, Isabel
""", order_number="71-3045", product_name="Braun MQ 5137 blender", purchase_date="2026-11-21",
  grounds="three days later you had it at 69.99 EUR", demand="refund", amount="20.00", currency="EUR"),

L("ru", "damage", "photos PNG and JPEG, amount 'рублей 00 копеек'",
  "Роман Быков <bykov.roman@list.ru>", "Повреждение при доставке заказа 91-1002", """
Добрый день! Получил сегодня 1 декабря заказ 91-1002 — стеллаж металлический 5 полок. Две полки погнуты, стойка с вмятиной, краска ободрана. На коробке следы от погрузчика. Фото прилагаю.

Прошу снизить цену на 1500 рублей 00 копеек, тогда оставлю себе.

Роман, 8-915-888-77-66
""", att=[J("polka.jpg"), G("stoyka.png")],
  order_number="91-1002", product_name="стеллаж металлический 5 полок", delivery_date="2026-12-01",
  grounds="Две полки погнуты, стойка с вмятиной, краска ободрана", demand="price_reduction",
  amount="1500.00", currency="RUB", phone="+79158887766"),

L("en", "wrong_item", "terse, SKU both ways",
  "Ops <ops@citycafe.ie>", "Wrong SKU shipped: CF-BEANS1", """
Ordered CF-BEANS1 x 6 on order 40-3310, received TE-GRN100 x 6. Please collect and replace.
""", order_number="40-3310", product_sku="CF-BEANS1", quantity="6", unit="pcs",
  grounds="received TE-GRN100 x 6", demand="replacement"),

L("ru", "service", "assembly service did poor work",
  "Елизавета <liza.romanova@yandex.ru>", "Некачественная сборка", """
Здравствуйте. 28.11 ваш сборщик собирал комод Мальм (заказ ЗК-71230, услуга сборки 990 р.). Ящики перекошены, одна направляющая прикручена не той стороной, на задней стенке дыра от шуруповёрта. Сборщик торопился и ушёл за 20 минут. Прошу прислать другого мастера и вернуть деньги за сборку.
Елизавета, 8 (999) 111-22-33
""", order_number="ЗК-71230", product_name="комод Мальм",
  grounds="Ящики перекошены, направляющая прикручена не той стороной, на задней стенке дыра",
  demand=["repair", "refund"], amount="990.00", currency="RUB", phone="+79991112233"),

L("en", "defect", "several products, different demands, plain with alternative",
  "Paul Dubois <paul.dubois@free.fr>", "Two problems with order 71-4408", """
Hello,

Order 71-4408, delivered 25 November:

1. Bekker BK-KN05 knife set - two knives already rusty after the first wash. I want a replacement set.
2. Thermos 0.5 l - keeps drinks warm only 2 hours instead of 12. Please refund this one (24.90 EUR).

Regards,
Paul Dubois
+33 6 98 76 54 32
""", alt=True,
  order_number="71-4408", product_name=["Bekker BK-KN05 knife set", "Thermos 0.5 l"], product_sku=["BK-KN05"],
  delivery_date="2026-11-25", grounds="two knives already rusty after the first wash; keeps drinks warm only 2 hours instead of 12",
  demand=["replacement", "refund"], amount="24.90", currency="EUR", phone="+33698765432"),

L("ru", "shortage", "translit, several products",
  "Ruslan <ruslan.m@mail.ru>", "nedovlozhenie zakaz 88-2234", """
Dobryi den, v zakaze 88-2234 ne hvataet: polotenca mahrovye zakazyval 6 sht prishlo 4, podushki zakazyval 2 prishla 1. Proshu dovezti. Ruslan 89031234567
""", order_number="88-2234", product_name=["polotenca mahrovye", "podushki"], unit=["pcs", "pcs"],
  quantity_ordered=["6", "2"], quantity_received=["4", "1"], grounds="ne hvataet", demand="delivery_of_missing",
  phone="+79031234567"),

L("en", "damage", "Outlook reply to our delivery survey; new text carries the facts",
  "Laura Bennett <laura.bennett@bennettvet.co.uk>", "RE: How was your delivery?", """
Not great, honestly. The dog food (Pro Plan 15 kg, 2 bags) arrived with one bag ripped open and soaked. I've binned it. Please refund the bag - £58.00.

Laura Bennett
Bennett Vets, 4 Mill Lane, York

From: Mailflow Shop <noreply@mailflow-shop.com>
Sent: 30 November 2026 08:00
To: Laura Bennett <laura.bennett@bennettvet.co.uk>
Subject: How was your delivery?

Tell us how your delivery of order 82-9121 went!
""", product_name="dog food (Pro Plan 15 kg", quantity="2", unit="pcs", location="Bennett Vets, 4 Mill Lane, York",
  grounds="one bag ripped open and soaked", demand="refund", amount="58.00", currency="GBP"),

L("ru", "delay", "HTML-only, short, date in subject",
  "Алексей Гришин <a.grishin@bk.ru>", "Доставка 30.11 не состоялась", """
<div>Заказ 91-2240 должен был приехать 30.11 с 18 до 22. Никто не приехал, в отслеживании «доставка перенесена». Когда привезёте? Заказ — набор ножей Bekker.</div><div>8 905 111 99 88</div>
""", html=True,
  order_number="91-2240", product_name="набор ножей Bekker", grounds="должен был приехать 30.11 с 18 до 22. Никто не приехал",
  phone="+79051119988"),

L("en", "shortage", "XLSX only, body names the file; PO number in subject",
  "AP Team <ap@lakesideschools.org>", "PO 88213 - items short", """
Hello, please see the attached receiving report for PO 88213. We are short on two lines. Please advise when the balance will ship.
""", att=[X("receiving_PO88213.xlsx", ("SKU", "Description", "Ordered", "Received", "Unit"),
             ("BRAU-A4-80", "Lever arch file 80mm", 120, 100, "pcs"), ("SV-A4-500", "A4 copy paper", 40, 36, "box"),
             ("ER-GL100", "Gel pen blue", 200, 200, "pcs"))],
  order_number="88213", product_name=["Lever arch file 80mm", "A4 copy paper"], product_sku=["BRAU-A4-80", "SV-A4-500"],
  unit=["pcs", "box"], quantity_ordered=["120", "40"], quantity_received=["100", "36"],
  grounds="We are short on two lines", demand="delivery_of_missing"),

L("ru", "defect", "HTML with quoted Mail.ru attribution below",
  "Нина Орлова <orlova.nina@mail.ru>", "Re: Ваша претензия принята", """
<div>Здравствуйте, дополняю: увлажнение не при чём, матрас Орматек 160х200 просел посередине уже через 3 недели, образовалась яма 4 см. Заказ 88-3301, покупала 7 ноября. Требую замену матраса.</div><div>Нина Орлова</div><div><br></div><div>Понедельник, 30 ноября 2026, 10:15 +03:00 от Mailflow Shop &lt;claims@mailflow-shop.ru&gt;:<br><blockquote>Здравствуйте! Уточните, пожалуйста, не хранился ли матрас во влажном помещении?</blockquote></div>
""", html=True,
  order_number="88-3301", product_name="матрас Орматек 160х200", purchase_date="2026-11-07",
  grounds="просел посередине уже через 3 недели, образовалась яма 4 см", demand="replacement"),

L("en", "service", "courier demanded extra cash on delivery",
  "Omar Farouk <omar.farouk@gmail.com>", "Courier asked for extra money", """
Hello, when my order 60-3377 was delivered on 29 Nov the courier refused to hand it over unless I paid him 10 USD "for the stairs" (4th floor, no lift). Delivery was already paid. I paid because I needed the parcel. I want the 10 USD back and this courier dealt with.
Omar, 212 555 0147
""", order_number="60-3377", delivery_date="2026-11-29",
  grounds="the courier refused to hand it over unless I paid him 10 USD for the stairs", demand="refund",
  amount="10.00", currency="USD", phone="+12125550147"),

L("ru", "wrong_item", "PDF named photo.jpg (it is a PDF document), product in body",
  "Владислав <vlad.sidorov@gmail.com>", "Не тот велосипед", """
Заказывал велосипед Stels Navigator 26", привезли Navigator 24" — детский. Накладную сфотографировал (прикладываю). Заказ 77-1414. Прошу заменить.
Влад, +7 916 444 33 22
""", att=[P("photo.jpg", "Waybill TN-11502", "Stels Navigator 24  1 pcs", ctype="image/jpeg")],
  order_number="77-1414", waybill_number="TN-11502", product_name='велосипед Stels Navigator 26"',
  grounds='привезли Navigator 24" — детский', demand="replacement", phone="+79164443322", documents=1),

L("en", "delay", "B2B formal, contract and penalty in GBP",
  "Operations <ops@kingsbridge-hotels.co.uk>", "Late delivery under contract KH/2026/07", """
Dear Sirs,

Further to our supply contract KH/2026/07, the delivery of 300 bath towels 70x140 (our order 82-0990) scheduled for 20 November 2026 has not been made. Clause 9 provides for a late delivery charge of 1% per day. We hereby give notice that charges of £412.50 have accrued to date.

Delivery address: Kingsbridge Hotel, 1 Harbour Rd, Plymouth.

Yours faithfully,
J. Whitmore, Operations Director
01752 960 444
""", contract_number="KH/2026/07", order_number="82-0990", product_name="bath towels 70x140", quantity="300", unit="pcs",
  location="Kingsbridge Hotel, 1 Harbour Rd, Plymouth", grounds="scheduled for 20 November 2026 has not been made",
  demand="compensation", amount="412.50", currency="GBP"),

L("ru", "damage", "terse, order number in subject, photo only",
  "Вика <vika.kot@mail.ru>", "91-3355 разбит чайник", """
Носик отколот, крышка треснула. Фото. Замена.
""", att=[J("chainik.jpg")],
  order_number="91-3355", product_name="чайник", grounds="Носик отколот, крышка треснула", demand="replacement"),

L("en", "defect", "PDF service report with serial; demand refund; amount with '$' after",
  "Nathan Price <nathan.price@pricefamily.net>", "Fridge not cooling - service report attached", """
Hello,

The Bosch fridge (KGN39VL25R) bought 1 October 2026, order 60-0412, stopped cooling. Your service engineer visited on 27 November and his report (attached) says compressor fault, part unavailable for 6 weeks. I can't wait 6 weeks without a fridge. I want a full refund: 1249$.

Nathan Price
+1 617 555 0199
""", att=[P("service_report_SR-7781.pdf", "SERVICE REPORT SR-7781", "Model KGN39VL25R", "Fault: compressor", "Part ETA: 6 weeks")],
  order_number="60-0412", product_name="Bosch fridge", product_sku="KGN39VL25R", purchase_date="2026-10-01",
  grounds="stopped cooling, compressor fault", demand="refund", amount="1249.00", currency="USD",
  phone="+16175550199"),

L("ru", "shortage", "terse, phone first, 'комплект' unit",
  "Мастерская Уют <uyut.mebel@yandex.ru>", "нет фурнитуры", """
+7 (921) 300-40-50. Заказ 88-4405: комоды Мальм 3 компл., в одном нет ящика и направляющих. Довезите.
""", order_number="88-4405", product_name="комоды Мальм", quantity="3", unit="set", phone="+79213004050",
  grounds="в одном нет ящика и направляющих", demand="delivery_of_missing"),

L("en", "wrong_item", "transliterated Russian name, English letter, order in PDF only",
  "Svetlana Kovaleva <s.kovaleva@gmail.com>", "Wrong colour", """
Good afternoon. I received the office chair in red, but I ordered black. My order confirmation is attached. Please exchange. I am at home weekdays after 6 pm.
Svetlana, Tallinn, +372 5123 4567
""", att=[P("confirmation.pdf", "Mailflow Shop order 71-5590", "Office chair CH-868 black  1 pcs  159.00 EUR")],
  order_number="71-5590", product_name="office chair", product_sku="CH-868", location="Tallinn", grounds="I received the office chair in red, but I ordered black",
  demand="replacement", phone="+37251234567"),

L("ru", "other", "asks to change the delivery address before shipment",
  "Фёдор <fedor.lis@yandex.ru>", "Смена адреса доставки", """
Добрый день! В заказе 77-2290 прошу изменить адрес доставки на: Новосибирск, ул. Красный проспект, 101, кв. 8. Старый адрес неактуален. Спасибо.
Фёдор, 8 913 200 30 40
""", order_number="77-2290", location="Новосибирск, ул. Красный проспект, 101, кв. 8",
  grounds="Старый адрес неактуален", phone="+79132003040"),

L("en", "damage", "Apple Mail forwarded chain, new text carries facts",
  "Ella Turner <ella.turner@icloud.com>", "Fwd: Damaged delivery photos", """
Hi, forwarding the photos my neighbour took when she accepted the parcel for me. The Philips air fryer box (order 82-4471) was crushed and the basket handle is snapped off. I'd like a replacement please.

Ella
07912 654321

Begin forwarded message:

From: Jo Smith <jo.smith@gmail.com>
Subject: Damaged delivery photos
Date: 30 November 2026 at 17:44:02 GMT
To: Ella Turner <ella.turner@icloud.com>

Here you go, looked bad when the driver handed it over x
""", att=[J("IMG_2231.HEIC.jpg"), J("IMG_2232.HEIC.jpg")],
  order_number="82-4471", product_name="Philips air fryer", grounds="box was crushed and the basket handle is snapped off",
  demand="replacement", phone="+447912654321"),

L("ru", "defect", "windows-1251, rambling, multiple product issues, amounts per item",
  "Валерий Иванович <v.i.kozlov@rambler.ru>", "Претензия по качеству товара", """
Уважаемая администрация магазина!

Обращаюсь к вам с претензией. 14 ноября 2026 года я приобрёл в вашем интернет-магазине (заказ 77-3302) следующие товары:
1. Дрель-шуруповёрт Bosch GSR 120-LI — 8 500 руб.
2. Набор бит Зубр 18 предметов — 690 руб.

Шуруповёрт через неделю работы перестал держать патрон, сверло болтается и выпадает. Биты из набора стачиваются после 2-3 шурупов, металл мягкий.

Прошу вернуть уплаченные за товар денежные средства в размере 9 190 руб. в течение 10 дней в соответствии со ст. 22 Закона о защите прав потребителей.

Козлов Валерий Иванович
г. Пенза, ул. Московская, д. 5, кв. 17
тел. 8 (8412) 56-78-90
""", cs="windows-1251",
  order_number="77-3302", product_name=["Дрель-шуруповёрт Bosch GSR 120-LI", "Набор бит Зубр 18 предметов"],
  purchase_date="2026-11-14", grounds="перестал держать патрон, сверло болтается и выпадает; биты стачиваются после 2-3 шурупов",
  demand="refund", amount="9190.00", currency="RUB", phone="+78412567890"),

L("en", "service", "subscription/delivery slot charged but not provided",
  "Grace Kim <grace.kim@outlook.com>", "Paid for express delivery, got standard", """
I paid €9.90 for next-day express on order 71-6610 (placed 26 Nov), it arrived on 1 December with standard post. Please refund the express fee.
Grace
""", order_number="71-6610", purchase_date="2026-11-26", delivery_date="2026-12-01",
  grounds="paid for next-day express, it arrived with standard post", demand="refund", amount="9.90", currency="EUR"),

L("ru", "delay", "koi8-r, 'доставка не состоялась', location pickup point",
  "Галина <galina.s@mail.ru>", "не пришел заказ в пункт выдачи", """
Здравствуйте, заказ 91-4450 должен был прийти в пункт выдачи в Вологде (ул. Мира, 20) 27 ноября, до сих пор статус "в пути". Прошу разобраться. Если не придёт до пятницы - верните 2 300 руб.
Галина
""", cs="koi8-r",
  order_number="91-4450", location="пункт выдачи в Вологде (ул. Мира, 20)", grounds='должен был прийти 27 ноября, до сих пор статус "в пути"',
  demand="refund", amount="2300.00", currency="RUB"),

L("en", "defect", "HTML-only Outlook style with div.OutlookMessageHeader quoted below",
  "Michael Grant <m.grant@grantconsulting.com>", "RE: Order 82-5560", """
<html><body><div>Hi,</div><div>The LG 27MP400 monitor we bought on 13 November (order 82-5560) has started flickering and goes black every few minutes. Tried two cables and two PCs. Please arrange a replacement.</div><div>Michael Grant<br>Grant Consulting | 020 7946 0777</div>
<div><br></div><hr><div><b>From:</b> Mailflow Shop &lt;orders@mailflow-shop.com&gt;<br><b>Sent:</b> 13 November 2026 10:02<br><b>To:</b> Michael Grant<br><b>Subject:</b> Order 82-5560</div><div>Thank you for your order!</div></body></html>
""", html=True,
  order_number="82-5560", product_name="LG 27MP400 monitor", purchase_date="2026-11-13",
  grounds="has started flickering and goes black every few minutes", demand="replacement", phone="+442079460777"),

L("ru", "shortage", "corporate, invoice and waybill, kg and pcs mixed",
  "Склад АгроМаркет <sklad@agromarket-krd.ru>", "Акт расхождения по ТН-11777", """
Добрый день.

По ТН-11777 (счёт СФ-5102) при приёмке выявлены расхождения:
1. Грунт универсальный 50 л — по накладной 60 шт., принято 52 шт.
2. Наполнитель древесный 10 кг — по накладной 200 кг, принято 180 кг (2 мешка отсутствуют).

Акт расхождения во вложении. Просим допоставить недостающий товар.
Склад: г. Краснодар, ул. Тихорецкая, 5/2.

Зав. складом Мороз И.
8-861-200-30-40
""", att=[D("Акт_расхождения_ТН-11777.docx", "Акт расхождения", "Грунт 50 л: 60/52", "Наполнитель 10 кг: 200/180 кг")],
  waybill_number="ТН-11777", invoice_number="СФ-5102", product_name=["Грунт универсальный 50 л", "Наполнитель древесный 10 кг"],
  unit=["pcs", "kg"], quantity_ordered=["60", "200"], quantity_received=["52", "180"],
  location="г. Краснодар, ул. Тихорецкая, 5/2", grounds="при приёмке выявлены расхождения", demand="delivery_of_missing",
  phone="+78612003040"),

L("en", "other", "asks for a product to be reserved / back in stock, not a claim",
  "Tim Baker <tim.baker@gmail.com>", "Backorder question", """
Hello, my order 60-7702 says the Makita HR2470 is on backorder. Is there any date? If it's more than two weeks I'd rather switch to the Bosch one. Tim
""", order_number="60-7702", product_name="Makita HR2470", grounds="the Makita HR2470 is on backorder"),

L("ru", "damage", "transliteration, HTML-only",
  "Timur <timur.abdullaev@gmail.com>", "zakaz 88-5120 povrezhden", """
<div>Dobryi vecher. Zakaz 88-5120 privezli, matras Ormatek 160x200 v porvannoi plenke, ves v pyatnah ot mashinnogo masla. Ne prinyal, kurer uvez obratno. Proshu otpravit novyi.</div><div>Timur +7 927 123 45 67</div>
""", html=True,
  order_number="88-5120", product_name="matras Ormatek 160x200", grounds="v porvannoi plenke, ves v pyatnah ot mashinnogo masla",
  demand="replacement", phone="+79271234567"),

L("en", "wrong_item", "wrong quantity unit: boxes instead of single items",
  "Office Manager <office@pinecrestdental.com>", "Order 40-5531 - wrong pack size", """
Hi, we ordered 10 boxes of Brauberg lever arch files (80 mm) and received 10 single files. Invoice INV-565010. We need the boxes as ordered - please send the remaining or exchange.
Linda
""", order_number="40-5531", invoice_number="INV-565010", product_name="Brauberg lever arch files (80 mm)", quantity="10", unit="box",
  grounds="received 10 single files", demand="replacement"),

L("ru", "defect", "short, amount '₽' before number",
  "Артур <artur.gabrielyan@mail.ru>", "Наушники? Нет, колонка", """
Колонка JBL Flip 6 (заказ 77-5533) хрипит на средней громкости, купил 22.11.2026. Прошу вернуть ₽11 990.
""", order_number="77-5533", product_name="Колонка JBL Flip 6", purchase_date="2026-11-22",
  grounds="хрипит на средней громкости", demand="refund", amount="11990.00", currency="RUB"),

L("en", "delay", "HTML-only, two products, one arrived",
  "Fiona MacLeod <fiona.macleod@btinternet.com>", "Half my order missing for a week", """
<p>Hello,</p><p>Order 82-6601: the Tefal pan arrived on 24 November but the Luminarc plate set in the same order still hasn't. Tracking says it was "split into a second parcel" which has been "in transit" for a week.</p><p>Please send the plate set or refund it (£39.99).</p><p>Fiona<br>07911 223344</p>
""", html=True,
  order_number="82-6601", product_name="Luminarc plate set", grounds='the Luminarc plate set still hasn\'t arrived, "in transit" for a week',
  demand=["replacement", "refund"], amount="39.99", currency="GBP", phone="+447911223344"),

L("ru", "service", "warranty repair takes too long",
  "Антон Журавлёв <zhuravlev.anton@yandex.ru>", "Ремонт затянулся", """
Здравствуйте. 15 октября сдал по гарантии кофеварку DeLonghi EC685 (заказ 88-6001, квитанция сервиса № СЦ-3320). Прошло 47 дней, ремонт не закончен, никто ничего не сообщает. По закону максимум 45 дней. Требую вернуть деньги 28 990 руб.
Антон 8 926 321 00 99
""", order_number="88-6001", product_name="кофеварку DeLonghi EC685", grounds="Прошло 47 дней, ремонт не закончен",
  demand="refund", amount="28990.00", currency="RUB", phone="+79263210099"),

L("en", "damage", "rambling, multiple photos, waybill from carrier, location 'front porch'",
  "Kate Sullivan <kate.sullivan@comcast.net>", "Bike delivered damaged", """
Hi,

The Stels Navigator bike arrived today, December 1st, on waybill WB-223410. The driver left it on the front porch and when I opened the box the front wheel rim is bent, the derailleur is hanging off and the paint is scratched all along the frame. The box had a big hole on one side, looks like a forklift went through it.

It's still on the porch in the box, I don't want to assemble anything. Photos attached (four of them).

I'd like you to collect it and send a new one. If that's not possible, a refund of $329.00.

Kate
617-555-0199
""", att=[J("bike1.jpg"), J("bike2.jpg"), J("bike3.jpg"), J("bike4.jpg")],
  waybill_number="WB-223410", product_name="Stels Navigator bike", location="on the porch in the box",
  grounds="the front wheel rim is bent, the derailleur is hanging off and the paint is scratched",
  demand=["replacement", "refund"], delivery_date="2026-12-01", amount="329.00", currency="USD",
  phone="+16175550199"),

L("ru", "delay", "terse, 'уже 2 недели'",
  "Олеся <olesya.v@mail.ru>", "Заказ ЗК-71555", """
Две недели жду заказ ЗК-71555, подушки и постельное бельё. Где он?? 89271112200
""", order_number="ЗК-71555", product_name=["подушки", "постельное бельё"], grounds="Две недели жду заказ",
  phone="+79271112200"),

L("en", "shortage", "count in words, order in subject",
  "Paul Green <pgreen@greenfarms.co.uk>", "Order 82-7720 short", """
Hello, we ordered twelve bags of universal soil and got nine. Please send the other three bags. Paul, Green Farms, Cheltenham
""", order_number="82-7720", product_name="universal soil", quantity_ordered="12", quantity_received="9",
  location="Green Farms, Cheltenham", grounds="we ordered twelve bags and got nine", demand="delivery_of_missing"),

L("ru", "wrong_item", "Gmail Russian quote of our reply, new text on top",
  "Екатерина Лаврова <ekaterina.lavrova@gmail.com>", "Re: Ваш заказ 91-6004", """
Нет, это не то, что я заказывала. Заказывала наполнитель древесный 10 кг, а пришёл силикагелевый 5 л. Кошка им не пользуется. Прошу поменять.

пн, 30 нояб. 2026 г. в 15:20, Mailflow Shop <orders@mailflow-shop.ru>:
> Здравствуйте! Подскажите, пожалуйста, что именно не так с заказом 91-6004?
""", order_number="91-6004", product_name="наполнитель древесный 10 кг", grounds="а пришёл силикагелевый 5 л", demand="replacement"),

L("en", "defect", "terse with SKU and phone only",
  "Andrea <andrea.conti@gmail.com>", "GD-TRIM faulty", """
GD-TRIM motor smoking after 5 min. Order 71-8002. Call +39 347 123 4567.
""", order_number="71-8002", product_sku="GD-TRIM", grounds="motor smoking after 5 min", phone="+393471234567"),

L("ru", "damage", "XLSX act with damaged items, body gives location and demand",
  "Магазин Посуда-Центр <posuda-centr@mail.ru>", "Бой посуды при доставке, счёт 5560", """
Добрый день! По счёту 5560 получили посуду с боем, перечень в таблице. Товар находится в магазине: Иваново, пр. Ленина, 35. Просим заменить разбитое.
Товаровед Лена
""", att=[X("бой_5560.xlsx", ("Артикул", "Наименование", "Бой, шт."), ("LM-PL24", "Набор тарелок Luminarc 24 предмета", 4), ("TS-NM4", "Набор посуды Tefal Natura", 1))],
  invoice_number="5560", product_name=["Набор тарелок Luminarc 24 предмета", "Набор посуды Tefal Natura"],
  product_sku=["LM-PL24", "TS-NM4"], quantity=["4", "1"], unit=["set", "set"], location="Иваново, пр. Ленина, 35",
  grounds="получили посуду с боем", demand="replacement"),

L("en", "service", "data/privacy complaint: order details sent to someone else",
  "Daniel Brown <dan.brown@gmail.com>", "My order details emailed to a stranger", """
Hi, a stranger just forwarded me your email confirming MY order 60-8833 with my address and phone. Your system sent it to the wrong person. This is a data protection issue. I want to know what happened and how you will prevent it.
Daniel Brown, +1 415 555 0132
""", order_number="60-8833", grounds="Your system sent my order confirmation to the wrong person", phone="+14155550132"),

L("ru", "defect", "PDF with Latin text of a lab test, body Russian",
  "ООО ЧистоДом <zakupki@chistodom.ru>", "Несоответствие качества перчаток", """
Добрый день. Партия перчаток нитриловых (арт. CH-GLOVES, 50 упак.) по счёту СФ-5890 не соответствует заявленной плотности — рвутся при надевании. Протокол испытаний прилагаем. Просим заменить партию.
""", att=[P("test_report_CH-GLOVES.pdf", "Test report 2026-118", "Sample: nitrile gloves CH-GLOVES", "Tensile strength: FAIL", "Result: non-conforming")],
  invoice_number="СФ-5890", product_name="перчаток нитриловых", product_sku="CH-GLOVES", quantity="50", unit="pack",
  grounds="не соответствует заявленной плотности — рвутся при надевании", demand="replacement"),
]
